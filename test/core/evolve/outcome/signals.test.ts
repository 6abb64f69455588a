import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitTrajectory } from '../../../../src/core/distill/split/heuristic';
import { combineOutcome } from '../../../../src/core/evolve/outcome/combine';
import { isRevertCommand } from '../../../../src/core/evolve/outcome/reverts';
import { scoredSignals, SESSION_QUIET_MS } from '../../../../src/core/evolve/outcome/signals';
import type { ScoredSignals } from '../../../../src/core/evolve/outcome/types';
import type { Trajectory } from '../../../../src/core/transcripts/model';
import { agent, bash, edit, session, user } from '../../distill/builders';

const T0 = Date.UTC(2025, 5, 1, 9);

/** A session whose turns are a minute apart, starting at T0. */
function timed(turns: Trajectory['turns']): Trajectory {
  const t = session('claude-code', 'sig', turns.map((turn, i) => ({ ...turn, timestamp: new Date(T0 + i * 60_000).toISOString() })));
  return { ...t, startedAt: new Date(T0).toISOString() };
}

function signalsOf(t: Trajectory, atomIndex = 0, now = T0 + 2 * 60 * 60 * 1000): ScoredSignals {
  const atoms = splitTrajectory(t);
  return scoredSignals({ trajectory: t, atom: atoms[atomIndex], next: atoms[atomIndex + 1], now });
}

test('revert commands: what throws work away counts, what keeps it does not', () => {
  for (const c of ['git revert HEAD', 'git reset --hard HEAD~1', 'git checkout -- src/a.ts', 'git checkout HEAD~2 -- src/a.ts', 'git checkout .', 'git restore src/a.ts', 'git restore --staged --worktree a.ts', 'git clean -fd', 'cd app && git reset --hard']) {
    assert.equal(isRevertCommand(c), true, c);
  }
  for (const c of ['git checkout main', 'git checkout -b feature/x', 'git restore --staged a.ts', 'git stash', 'git reset HEAD a.ts', 'git status', 'npm test']) {
    assert.equal(isRevertCommand(c), false, c);
  }
});

test("the agent's edits undone by a revert command make the atom reverted", () => {
  const t = timed([user('Rename the config loader'), agent('Done.', edit('/w/src/config.ts'), bash('npm test', 'FAIL 3 tests', true), bash('git checkout -- src/config.ts'))]);
  assert.equal(signalsOf(t).reverted, true);
  const noEdit = timed([user('Reset my working tree please'), agent('Done.', bash('git reset --hard'))]);
  assert.equal(signalsOf(noEdit).reverted, false, 'a revert the user asked for, with no edit of the agent before it, is the task itself');
});

test('the user asking to undo counts as a revert', () => {
  const t = timed([user('Rename the config loader'), agent('Done.', edit('/w/src/config.ts')), user('please undo that change'), agent('Reverted.', edit('/w/src/config.ts'))]);
  const s = signalsOf(t);
  assert.equal(s.reverted, true);
  assert.equal(combineOutcome(s).rule, 'reverted');
});

test('a failure followed by the end of the session is abandonment, but only once the session is quiet', () => {
  const t = timed([user('Fix the flaky date test'), agent('Trying.', edit('/w/src/date.ts'), bash('npm test', 'FAIL src/date.test.ts\nexit code 1', true))]);
  assert.equal(signalsOf(t).abandoned, true);
  const stillLive = signalsOf(t, 0, T0 + 60_000 + SESSION_QUIET_MS - 1);
  assert.equal(stillLive.abandoned, false, 'the user may still come back to it');
});

test('a failure followed by an unrelated request is abandonment; a follow-up on the same thing is not', () => {
  const failing = [user('Fix the flaky date parsing test in utils'), agent('Trying.', edit('/w/src/date.ts'), bash('npm test', 'FAIL date parsing\nexit code 1', true))];
  const moved = timed([...failing, user('Write a README section about deployment to staging'), agent('Sure.', edit('/w/README.md'))]);
  assert.equal(signalsOf(moved).abandoned, true);
  const followUp = timed([...failing, user('The date parsing test in utils still matters, run it with the verbose flag'), agent('Ok.', bash('npm test -- --verbose', 'PASS'))]);
  assert.equal(signalsOf(followUp).abandoned, false);
});

test('an agent that says it could not do it ended after a failure even with clean tool calls', () => {
  const t = timed([user('Make the build reproducible'), agent("I wasn't able to pin the toolchain; the lockfile keeps changing.", bash('npm ci', 'ok'))]);
  const s = signalsOf(t);
  assert.equal(s.endedInError, false);
  assert.equal(s.abandoned, true);
  for (const said of ["I'm unable to reach the registry.", 'I couldn’t get the lockfile stable.', 'The build still fails on CI.', 'That did not work either.']) {
    assert.equal(signalsOf(timed([user('Make the build reproducible'), agent(said, bash('npm ci', 'ok'))])).abandoned, true, said);
  }
  assert.equal(signalsOf(timed([user('Make the build reproducible'), agent('Pinned; every build now matches.', bash('npm ci', 'ok'))])).abandoned, false);
});

test('a clean atom has no hard signal', () => {
  const t = timed([user('Add a unit test for the parser'), agent('Added.', edit('/w/src/parser.test.ts'), bash('npm test', 'PASS 43 tests'))]);
  const s = signalsOf(t);
  assert.deepEqual([s.reverted, s.abandoned, s.corrected, s.endedInError], [false, false, false, false]);
  assert.deepEqual(combineOutcome(s), { outcome: 'success', rule: 'signals-clean' });
});

test('the combination rule: hard signals first, then the judge, then the signals', () => {
  const clean: ScoredSignals = { toolCalls: 3, toolErrors: 1, retries: 1, corrected: false, endedInError: false, reverted: false, abandoned: false };
  const judge = (score: number) => ({ score, reason: 'r', model: 'm' });
  assert.deepEqual(combineOutcome({ ...clean, reverted: true }, judge(10)), { outcome: 'failure', rule: 'reverted' });
  assert.deepEqual(combineOutcome({ ...clean, abandoned: true }, judge(9)), { outcome: 'failure', rule: 'abandoned' });
  assert.deepEqual(combineOutcome({ ...clean, corrected: true }, judge(9)), { outcome: 'failure', rule: 'corrected' });
  assert.deepEqual(combineOutcome({ ...clean, endedInError: true }, judge(9)), { outcome: 'failure', rule: 'ended-in-error' });
  assert.deepEqual(combineOutcome(clean, judge(4)), { outcome: 'failure', rule: 'judge-low' });
  assert.deepEqual(combineOutcome(clean, judge(7)), { outcome: 'success', rule: 'judge-high' });
  assert.deepEqual(combineOutcome({ ...clean, toolCalls: 0 }, judge(8)), { outcome: 'success', rule: 'judge-high' });
  assert.deepEqual(combineOutcome(clean, judge(5)), { outcome: 'success', rule: 'signals-clean' });
  assert.deepEqual(combineOutcome(clean), { outcome: 'success', rule: 'signals-clean' });
  assert.deepEqual(combineOutcome({ ...clean, toolCalls: 0 }), { outcome: 'unknown', rule: 'no-evidence' });
});
