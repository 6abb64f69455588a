import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CLI, runCli, tempDir } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');

function drafts(home: string): Record<string, string> {
  const list = JSON.parse(runCli(['library', 'candidates', '--json'], { home }).stdout) as { name: string }[];
  const out: Record<string, string> = {};
  for (const { name } of list) out[name] = JSON.parse(runCli(['library', 'show', name, '--candidate', '--json'], { home }).stdout).files['SKILL.md'];
  return out;
}

function commits(home: string): number {
  const r = spawnSync('git', ['-C', `${home}/library`, 'rev-list', '--all', '--count'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

test('distill turns the sample sessions into valid drafts; a second run spends nothing and commits nothing', () => {
  const home = tempDir();
  const first = runCli(['distill', SAMPLES, '--offline', '--json'], { home });
  assert.equal(first.code, 0, first.stderr);
  const report = JSON.parse(first.stdout);
  assert.equal(report.ingest.new, 8);
  assert.equal(report.pipeline.created.length, 3);
  const made = drafts(home);
  assert.deepEqual(Object.keys(made).sort(), ['add-migration-column', 'fix-test-fail', 'release-patch-version']);
  const before = commits(home);

  const second = JSON.parse(runCli(['distill', SAMPLES, '--offline', '--json'], { home }).stdout);
  assert.equal(second.ingest.unchanged, 8);
  assert.equal(second.pipeline.sessionsSplit, 0);
  assert.equal(second.pipeline.commits, 0);
  assert.equal(second.tokens.input + second.tokens.output, 0);
  assert.equal(commits(home), before);
  assert.deepEqual(drafts(home), made);
});

test('killing distill mid-run and running it again gives the library of one uninterrupted run', async () => {
  const reference = tempDir();
  assert.equal(runCli(['distill', SAMPLES, '--offline'], { home: reference }).code, 0);
  const expected = drafts(reference);

  let killed = 0;
  for (const delay of [100, 300, 500, 800, 1200]) {
    const home = tempDir();
    const child = spawn(process.execPath, [CLI, 'distill', SAMPLES, '--offline', '--home', home], { stdio: 'ignore' });
    // listen before killing: on a fast machine the run may already be over
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    await new Promise((r) => setTimeout(r, delay));
    child.kill('SIGKILL');
    if ((await exited) === 'SIGKILL') killed++;
    const again = runCli(['distill', SAMPLES, '--offline'], { home });
    assert.equal(again.code, 0, `after a kill at ${delay} ms: ${again.stderr}`);
    assert.deepEqual(drafts(home), expected, `after a kill at ${delay} ms`);
    const fsck = spawnSync('git', ['-C', `${home}/library`, 'fsck', '--full'], { encoding: 'utf8' });
    assert.equal(fsck.status, 0, fsck.stderr);
  }
  assert.ok(killed >= 1, 'at least one run was killed before it finished');
});

test('provenance lists the sessions and atoms behind a draft', () => {
  const home = tempDir();
  runCli(['distill', SAMPLES, '--offline'], { home });
  const shown = JSON.parse(runCli(['library', 'show', 'fix-test-fail', '--provenance', '--json'], { home }).stdout);
  assert.equal(shown.provenance.sessions.length, 3);
  assert.ok(shown.provenance.sessions.every((s: { atoms: unknown[] }) => s.atoms.length >= 1));
  const human = runCli(['library', 'show', 'fix-test-fail', '--provenance'], { home });
  assert.match(human.stdout, /provenance of fix-test-fail @ [0-9a-f]{7}: 3 atoms from 3 sessions/);
  assert.match(human.stderr, /draft awaiting review/);
});

test('distill --min-sessions: the sample workflows recur in three sessions each, so 3 drafts them and 4 drafts nothing', () => {
  const three = JSON.parse(runCli(['distill', SAMPLES, '--offline', '--min-sessions', '3', '--json'], { home: tempDir() }).stdout);
  assert.equal(three.pipeline.created.length, 3);
  const four = runCli(['distill', SAMPLES, '--offline', '--min-sessions', '4', '--json'], { home: tempDir() });
  assert.equal(four.code, 0, four.stderr);
  const report = JSON.parse(four.stdout);
  assert.equal(report.pipeline.atomsAdded, three.pipeline.atomsAdded, 'the same sessions were read and split');
  assert.deepEqual(report.pipeline.created, []);
  const zero = runCli(['distill', SAMPLES, '--offline', '--min-sessions', '0'], { home: tempDir() });
  assert.equal(zero.code, 2, 'a bad option value is a usage error');
  assert.equal(zero.stderr, 'skillsmith: --min-sessions: "0" is not a whole number of at least 1\n');
});

test('distill refuses trust rules in SKILLSMITH_TRUST_RULES that contradict each other, before reading anything', () => {
  const home = tempDir();
  const r = runCli(['distill', SAMPLES, '--offline'], { home, env: { SKILLSMITH_TRUST_RULES: '{"demote":{"minLower":0.9}}' } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^skillsmith: SKILLSMITH_TRUST_RULES: demote\.minLower must not exceed promote\.minLower/);
  const typo = runCli(['distill', SAMPLES, '--offline'], { home, env: { SKILLSMITH_TRUST_RULES: '{"promote":{"minUse":3}}' } });
  assert.match(typo.stderr, /^skillsmith: SKILLSMITH_TRUST_RULES: unknown field "promote\.minUse"/);
});
