import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitTrajectory } from '../../../src/core/distill/split/heuristic';
import { draftSkillsOffline } from '../../../src/core/distill/offline/engine';
import { agent, bash, edit, fixTests, session, shell, user } from './builders';
import { toStep } from '../../../src/core/distill/atoms/steps';
import { clusterByActions } from '../../../src/core/distill/offline/workflows';

function corpus() {
  return [
    session('claude-code', 's1', [
      ...fixTests('The unit tests for date parsing fail, please fix them'),
      user('Now explain what a closure is'),
      agent('A closure is…'),
    ]),
    session('claude-code', 's2', fixTests('npm test is failing after my change to the parser, fix the failing tests')),
    session('codex', 's3', fixTests('fix the failing tests in the billing module', shell)),
    session('claude-code', 's4', [
      user('Add a migration that adds an email column to users'),
      agent('Adding it.', bash('ls migrations'), edit('/home/dev/app/migrations/004_email.sql'), bash('npm run migrate')),
    ]),
  ];
}

test('splits at new requests, keeps acknowledgements and corrections in the atom they answer', () => {
  const t = session('claude-code', 'x', [
    user('Rename the config loader'),
    agent('Done', bash('npm test')),
    user('ok thanks'),
    user('no, that is wrong, keep the old name for the export'),
    agent('Fixed', edit('/a/config.ts')),
    user('Now update the README'),
    agent('Updated', edit('/a/README.md')),
  ]);
  const atoms = splitTrajectory(t);
  assert.deepEqual(atoms.map((a) => [a.turnStart, a.turnEnd]), [[0, 5], [5, 7]]);
  assert.equal(atoms[0].signals.corrected, true);
  assert.equal(atoms[0].outcome, 'failure');
  assert.equal(atoms[1].outcome, 'success');
  assert.equal(atoms[1].steps[0].signature, 'edit:README.md');
});

test('a grown session re-split from its last atom keeps earlier ids', () => {
  const t = session('claude-code', 'g', [...fixTests('fix the tests'), user('now the docs'), agent('ok', edit('/a/x.md'))]);
  const all = splitTrajectory(t);
  const tail = splitTrajectory(t, all[1].turnStart);
  assert.deepEqual(tail.map((a) => a.id), [all[1].id]);
});

test('commands recurring across sessions become the project skill; a one-off workflow is not drafted', () => {
  // before, the three "fix the tests" requests made a workflow of their own; the test command they share is
  // now the project's working command, and a workflow that adds nothing to it is not written
  const atoms = corpus().flatMap((t) => splitTrajectory(t));
  const drafts = draftSkillsOffline(atoms, new Set());
  assert.deepEqual(drafts.map((d) => d.name), ['working-in-app']);
  const d = drafts[0];
  assert.equal(d.metadata['skillsmith-project'], 'app');
  assert.equal(d.metadata['skillsmith-kind'], 'project');
  assert.equal(d.evidence.sessions.length, 3);
  assert.match(d.description, /Use for any change in the app project/);
  assert.match(d.body, /Run `npm test`/);
  assert.match(d.body, /## Pitfalls/);
  assert.doesNotMatch(d.body, /npm run migrate/, 'a one-off is not a working command');
});

test('without a known workspace the recurring workflow is drafted as a workflow skill', () => {
  const atoms = corpus().map((t) => ({ ...t, workspace: undefined })).flatMap((t) => splitTrajectory(t));
  const drafts = draftSkillsOffline(atoms, new Set());
  assert.equal(drafts.length, 1, JSON.stringify(drafts.map((d) => d.name)));
  const d = drafts[0];
  assert.deepEqual(d.evidence.sequence, ['run:npm test', 'read:.ts', 'edit:.ts', 'run:npm test']);
  assert.equal(d.evidence.sessions.length, 3);
  assert.equal(d.metadata['skillsmith-project'], undefined);
  assert.match(d.description, /Use when/);
  assert.match(d.body, /Run `npm test`/);
  assert.ok(d.name.includes('fail') || d.name.includes('test'), d.name);
});

test('is deterministic: shuffled input gives the same drafts', () => {
  const atoms = corpus().flatMap((t) => splitTrajectory(t));
  const a = draftSkillsOffline(atoms, new Set());
  const b = draftSkillsOffline([...atoms].reverse(), new Set());
  assert.deepEqual(a, b);
});

test('a workflow that mostly fails is not drafted', () => {
  const failing = ['s1', 's2', 's3'].map((id) =>
    session('claude-code', id, [
      user('fix the failing tests please'),
      agent('trying', bash('npm test', 'exit code 1', true), edit('/a/b.ts'), bash('npm test', 'exit code 1', true)),
    ]),
  );
  const atoms = failing.flatMap((t) => splitTrajectory(t));
  assert.equal(atoms.every((a) => a.outcome === 'failure'), true);
  assert.deepEqual(draftSkillsOffline(atoms, new Set()), []);
});

test('one session repeating a workflow is not enough', () => {
  const t = session('claude-code', 'only', [
    ...fixTests('fix failing tests in a'),
    ...fixTests('fix failing tests in b'),
    ...fixTests('fix failing tests in c'),
  ]);
  assert.deepEqual(draftSkillsOffline(splitTrajectory(t), new Set()), []);
});

test('a shared prompt template is stripped and never names a skill', () => {
  const template = 'You are an autonomous agent working in a benchmark harness. Complete the task below exactly.';
  const sessions = ['a', 'b', 'c', 'd'].map((id, i) =>
    session('codex', id, fixTests(`${template}\nTask ${i}: fix failing tests in module ${id}`, shell)),
  );
  const drafts = draftSkillsOffline(sessions.flatMap((t) => splitTrajectory(t)), new Set());
  assert.equal(drafts.length, 1);
  assert.doesNotMatch(drafts[0].description + drafts[0].body + drafts[0].name, /autonomous|benchmark|harness/);
});

test('a taken name gets a suffix', () => {
  const atoms = corpus().map((t) => ({ ...t, workspace: undefined })).flatMap((t) => splitTrajectory(t));
  const first = draftSkillsOffline(atoms, new Set())[0].name;
  assert.equal(draftSkillsOffline(atoms, new Set([first]))[0].name, `${first}-2`);
});

test('a project whose skill exists gets no second one: new sessions revise it', () => {
  const atoms = corpus().flatMap((t) => splitTrajectory(t));
  assert.deepEqual(draftSkillsOffline(atoms, new Set(['working-in-app'])).map((d) => d.name), []);
});

test("a failed step's error is the line that says what went wrong, not the runner's FAIL line", () => {
  const step = toStep(bash('npm test', 'FAIL src/checkout.test.ts\n  ● connect ECONNREFUSED 127.0.0.1:5432\nTests: 12 failed\nexit code 1', true));
  assert.equal(step.error, '● connect ECONNREFUSED 127.0.0.1:5432');
  const lint = toStep(bash('npm run lint', 'Exit code 1\n[lint] $ eslint .\nsrc/a.ts:3:9: x is not defined (no-undef)\n[lint] ERROR task failed', true));
  assert.equal(lint.error, 'src/a.ts:3:9: x is not defined (no-undef)');
});

test('a failure seen in two sessions with the command that made it pass becomes a recipe; a repeated correction a rule', () => {
  const dbDown = (id: string) =>
    session('claude-code', id, [
      user(`the checkout tests fail on this machine (${id})`),
      agent('checking', bash('npm test', 'FAIL src/checkout.test.ts\n● connect ECONNREFUSED 127.0.0.1:5432\nexit code 1', true), bash('docker compose up -d db', 'Started'), bash('npm test', 'PASS')),
      user('format the invoice dates as day month year'),
      agent('adding a package', bash('npm install dayjs', 'added 1 package')),
      user("no, don't add a dependency for dates, use the formatDate helper in src/lib/dates.ts"),
      agent('done', edit('/home/dev/app/src/invoice.ts'), bash('npm test', 'PASS')),
    ]);
  const atoms = [dbDown('r1'), dbDown('r2'), session('codex', 'r3', fixTests('fix the failing tests in billing', shell))].flatMap((t) => splitTrajectory(t));
  const project = draftSkillsOffline(atoms, new Set()).find((d) => d.name === 'working-in-app');
  assert.ok(project);
  assert.match(project.body, /`npm test` fails with "● connect ECONNREFUSED 127\.0\.0\.1:5432" \(2 times in 2 sessions\): running `docker compose up -d db` made it pass/);
  assert.match(project.body, /## Rules from the user\n\n- The user said: "no, don't add a dependency for dates, use the formatDate helper in src\/lib\/dates\.ts" \(after the agent ran or touched `npm install dayjs`\), in 2 sessions/);
});

test('grouping compares a request with a whole group: a chain of pairwise look-alikes does not merge unrelated work', () => {
  const at = (id: string, ...calls: ReturnType<typeof bash>[]) => splitTrajectory(session('claude-code', id, [user(`request ${id}`), agent('ok', ...calls)]))[0];
  // a and c share nothing; b shares one action with each: single-link would chain all three
  const a = [at('a1', bash('npm run migrate'), edit('/x/m.sql')), at('a2', bash('npm run migrate'), edit('/x/n.sql'))];
  const b = at('b', edit('/x/n.sql'), edit('/x/readme.md'));
  const c = [at('c1', edit('/x/readme.md'), bash('npm run docs')), at('c2', edit('/x/readme.md'), bash('npm run docs'))];
  const clusters = clusterByActions([...a, b, ...c]).map((g) => g.members.map((m) => m.sessionKey.split(':')[1]).sort());
  const withA = clusters.find((g) => g.includes('a1'))!;
  assert.ok(!withA.includes('c1'), JSON.stringify(clusters));
  assert.deepEqual(clusters.find((g) => g.includes('c1')), ['c1', 'c2']);
});
