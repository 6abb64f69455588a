import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { LlmEngine } from '../../../src/core/distill/llm/llm-engine';
import { splitWindows } from '../../../src/core/distill/llm/windows';
import { splitTrajectory } from '../../../src/core/distill/split/heuristic';
import { DEFAULT_LIMITS } from '../../../src/core/llm/config';
import { createLlmClient } from '../../../src/core/llm/create-client';
import { MemoryTokenLedger } from '../../../src/core/llm/ledger';
import { estimateTokens } from '../../../src/core/llm/token-estimate';
import type { Trajectory, Turn } from '../../../src/core/transcripts/model';
import { InstantClock } from '../../support/clocks';
import { reply, startOpenAiServer } from '../../support/openai-server';
import { scriptedModel, stageOf, userMessage } from '../../support/scripted-model';
import { agent, bash, edit, session, user } from './builders';

async function engineAt(t: TestContext, windowTokens = 4000) {
  const server = await startOpenAiServer({ handler: scriptedModel() });
  t.after(() => server.close());
  const ledger = new MemoryTokenLedger();
  const client = createLlmClient(
    { provider: 'openai', baseUrl: server.baseUrl, model: 'scripted', apiKey: 'sk-test-0000', limits: { ...DEFAULT_LIMITS }, maxOutputTokens: 1000 },
    { ledger, clock: new InstantClock() },
  );
  return { server, ledger, engine: new LlmEngine(client, { windowTokens }) };
}

/** A long session: `n` requests, each with a few tool calls and a long assistant reply. */
function longSession(n: number): Trajectory {
  const turns: Turn[] = [];
  for (let i = 0; i < n; i++) {
    turns.push(user(i % 5 === 4 ? `yes, and also cover case ${i}` : `Task ${i}: update the handler for endpoint number ${i} and add a test`));
    turns.push(agent(`Done with task ${i}. ${'Explaining at length. '.repeat(40)}`, bash(`npm test -- handler${i}.test.ts`), edit(`/w/src/handler${i}.ts`)));
  }
  return session('claude-code', 'long', turns);
}

test('a long session is windowed over its whole length: every request, the tail included, is in an atom', async (t) => {
  const { server, engine } = await engineAt(t, 250);
  const trajectory = longSession(40);
  const atoms = await engine.split(trajectory, 0);

  const windows = splitWindows(trajectory, 0, 250);
  assert.ok(windows.length >= 5, `expected several windows, got ${windows.length}`);
  assert.equal(server.requests.length, windows.length, 'one call per window, no tool rounds');
  for (const r of server.requests) assert.equal(stageOf(r), 'split');
  // windows tile the session and every window but a single-request one stays within the budget
  assert.equal(windows[0].start, 0);
  assert.equal(windows[windows.length - 1].end, trajectory.turns.length);
  for (let i = 1; i < windows.length; i++) assert.equal(windows[i].start, windows[i - 1].end);
  for (const w of windows) assert.ok(w.userTurns.length === 1 || w.tokens <= 250, `window ${w.start}-${w.end} has ${w.tokens} tokens`);

  // contiguous atoms from the first turn to the very last one
  assert.equal(atoms[0].turnStart, 0);
  assert.equal(atoms[atoms.length - 1].turnEnd, trajectory.turns.length);
  for (let i = 1; i < atoms.length; i++) assert.equal(atoms[i].turnStart, atoms[i - 1].turnEnd);
  assert.ok(atoms.some((a) => a.steps.some((s) => s.detail === 'npm test -- handler39.test.ts')), 'the last request is split, not dropped');
  // follow-ups ("yes, and also…") stay with their request, also across a window edge
  assert.equal(atoms.length, 32);
  const continued = atoms.find((a) => a.turnStart === 6)!;
  assert.equal(continued.turnEnd, 10, 'turn 8 ("yes, and also cover case 4") continues the request of turn 6');
  // later windows carry the request in progress as one context line
  assert.match(userMessage(server.requests[1]), /Request in progress before these turns: "/);
  assert.doesNotMatch(userMessage(server.requests[0]), /Request in progress/);
});

test('atoms are built from the transcript: ids, steps, signals and outcome as the heuristic builds them', async (t) => {
  const { engine } = await engineAt(t);
  const trajectory = session('claude-code', 's9', [
    user('The date tests fail, fix them'),
    agent('Fixing', bash('npm test', 'FAIL\nexit code 1', true), edit('/w/src/date.ts'), bash('npm test', 'PASS')),
    user('Now add a CHANGELOG entry for it'),
    agent('Added', edit('/w/CHANGELOG.md')),
  ]);
  const atoms = await engine.split(trajectory, 0);
  const heuristic = splitTrajectory(trajectory, 0);
  assert.deepEqual(atoms.map((a) => a.id), ['claude-code:s9#0', 'claude-code:s9#2']);
  assert.deepEqual(atoms.map((a) => [a.steps, a.signals, a.outcome, a.turnStart, a.turnEnd]), heuristic.map((a) => [a.steps, a.signals, a.outcome, a.turnStart, a.turnEnd]));
  assert.equal(atoms[0].intent, 'The date tests fail, fix them', 'the words come from the model');
  assert.match(atoms[0].summary, /^Handled: /);
  assert.ok(atoms[0].tags.length >= 3 && atoms[0].tags.length <= 5);
  assert.ok(atoms.every((a) => a.intent.length <= 80 && a.summary.length <= 240));
});

test('a session with a single request costs no call; a re-split from a later turn only sends that part', async (t) => {
  const { server, engine } = await engineAt(t);
  const single = session('codex', 'one', [user('Bump the version'), agent('ok', bash('npm version patch'))]);
  const atoms = await engine.split(single, 0);
  assert.equal(atoms.length, 1);
  assert.equal(server.requests.length, 0);

  const grown = longSession(6);
  const resplit = await engine.split(grown, 6);
  assert.equal(server.requests.length, 1);
  assert.doesNotMatch(userMessage(server.requests[0]), /^\[[0-5]\] /m, 'turns before fromTurn are not sent');
  assert.ok(resplit.every((a) => a.turnStart >= 6));
  assert.equal(resplit[resplit.length - 1].turnEnd, grown.turns.length);
});

test('a boundary the window did not show is repaired once; a reply unusable twice falls back to the heuristic', async (t) => {
  const { server, engine } = await engineAt(t);
  const trajectory = session('claude-code', 's10', [
    user('Fix the login bug'),
    agent('ok', bash('npm test')),
    user('Now document the login flow'),
    agent('ok', edit('/w/docs/login.md')),
  ]);
  const bad = { sessions: [{ session: 'S1', atoms: [{ turn: 0, intent: 'Fix login', summary: 's', tags: ['a', 'b', 'c'] }, { turn: 3, intent: 'Docs', summary: 's', tags: ['a', 'b', 'c'] }] }] };
  server.enqueue(reply.json(bad));
  const atoms = await engine.split(trajectory, 0);
  assert.equal(server.requests.length, 2, 'the first reply and its repair');
  assert.match(JSON.stringify(server.requests[1].body.messages), /3 is not a USER turn shown for S1; use one of 0, 2/);
  assert.deepEqual(atoms.map((a) => a.turnStart), [0, 2]);
  assert.deepEqual(engine.problems, []);

  server.enqueue(reply.json(bad), reply.text('no json here'));
  const fallback = await engine.split(trajectory, 0);
  assert.deepEqual(fallback.map((a) => [a.turnStart, a.turnEnd]), splitTrajectory(trajectory).map((a) => [a.turnStart, a.turnEnd]));
  assert.equal(engine.problems.length, 1);
  assert.match(engine.problems[0], /^session claude-code:s10: the model's split of turns 0-3 was unusable .*split those turns by the heuristic instead$/);
});

test('the rendering is compact: assistant prose is cut, tool calls are one line each, output is not sent', async (t) => {
  const { server, engine } = await engineAt(t);
  const huge = 'x'.repeat(50_000);
  const trajectory = session('claude-code', 's11', [
    user('Fix the parser'),
    agent(`Long explanation ${huge}`, { name: 'Bash', input: { command: 'npm test' }, output: huge, isError: true }),
    user('Add docs for it'),
    agent('ok', edit('/w/README.md')),
  ]);
  await engine.split(trajectory, 0);
  const sent = userMessage(server.requests[0]);
  assert.ok(estimateTokens(sent) < 200, `sent ${estimateTokens(sent)} tokens for a session of ${estimateTokens(JSON.stringify(trajectory))}`);
  assert.match(sent, /^ {2}\$ npm test {2}✗ x+…$/m);
  assert.match(sent, /^\[3\] AGENT: ok\n {2}edit README\.md$/m);
});

test('short sessions share split calls up to the window budget; the pipeline then finds their atoms ready', async (t) => {
  const { server, engine } = await engineAt(t, 400);
  const short = (id: string, second: string) =>
    session('claude-code', id, [user(`Fix the ${id} tests`), agent('ok', bash('npm test')), user(second), agent('ok', edit(`/w/${id}.md`))]);
  const jobs = [
    short('a', 'Now write docs for it'),
    short('b', 'yes, and also the edge case'),
    session('codex', 'single', [user('Only one request'), agent('ok', bash('ls'))]),
    longSession(12),
    short('c', 'Then bump the version'),
  ].map((trajectory) => ({ trajectory, fromTurn: 0 }));
  await engine.planSplits(jobs);
  assert.equal(server.requests.length, 1, 'one call for the three short sessions; none for the single request; the long one waits');
  const sent = userMessage(server.requests[0]);
  assert.deepEqual([...sent.matchAll(/^(S\d+): claude-code session, whole\./gm)].map((m) => m[1]), ['S1', 'S2', 'S3']);
  assert.ok(estimateTokens(sent) <= 400);

  const b = await engine.split(jobs[1].trajectory, 0);
  assert.deepEqual(b.map((a) => [a.turnStart, a.turnEnd]), [[0, 4]], 'the follow-up stays in its request');
  const a = await engine.split(jobs[0].trajectory, 0);
  assert.deepEqual(a.map((x) => x.id), ['claude-code:a#0', 'claude-code:a#2']);
  assert.equal(server.requests.length, 1, 'planned splits cost no further call');

  // a session that changed since it was planned is asked again, not answered from the plan
  const changed = { ...jobs[4].trajectory, turns: [...jobs[4].trajectory.turns, user('And tag it'), agent('ok', bash('git tag v2'))] };
  await engine.split(changed, 0);
  assert.equal(server.requests.length, 2);
  await engine.split(jobs[3].trajectory, 0);
  assert.ok(server.requests.length > 3, 'the long session is split window by window');
});

test('a batch whose answer stays unusable leaves each session to be split on its own', async (t) => {
  const { server, engine } = await engineAt(t);
  const two = (id: string) => session('claude-code', id, [user(`Fix ${id}`), agent('ok', bash('npm test')), user(`Document ${id}`), agent('ok', edit('/w/d.md'))]);
  const jobs = [two('x'), two('y')].map((trajectory) => ({ trajectory, fromTurn: 0 }));
  server.enqueue(reply.json({ sessions: [{ session: 'S1', atoms: [] }] }), reply.text('not json'));
  await engine.planSplits(jobs);
  assert.equal(server.requests.length, 2, 'the batch and its repair');
  assert.match(JSON.stringify(server.requests[1].body.messages), /session S2 is missing/);
  assert.deepEqual(engine.problems, []);
  const atoms = await engine.split(jobs[0].trajectory, 0);
  assert.equal(server.requests.length, 3, 'asked again on its own');
  assert.deepEqual(atoms.map((a) => a.turnStart), [0, 2]);
});
