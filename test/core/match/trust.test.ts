import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SkillsmithError } from '../../../src/core/errors';
import { betaCdf, betaQuantile } from '../../../src/core/match/trust/beta';
import { DEFAULT_TRUST_RULES, levelFromOutcomes, checkTrustRules } from '../../../src/core/match/trust/levels';
import { posteriorOf } from '../../../src/core/match/trust/posterior';
import { TrustStore, recordOutcome } from '../../../src/core/match/trust/trust-store';
import { StateStore } from '../../../src/core/store/database';
import { tempDir } from '../skills/library/helpers';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);

test('the Beta CDF and quantile match closed forms', () => {
  // Beta(1,1) is uniform; Beta(2,1) has CDF x²; Beta(1,2) has CDF 1-(1-x)²; Beta(a,1) has CDF x^a
  for (const p of [0.01, 0.05, 0.5, 0.95]) {
    close(betaQuantile(p, 1, 1), p);
    close(betaQuantile(p, 2, 1), Math.sqrt(p));
    close(betaQuantile(p, 1, 2), 1 - Math.sqrt(1 - p));
    close(betaQuantile(p, 11, 1), p ** (1 / 11));
  }
  close(betaCdf(0.3, 2, 1), 0.09);
  // symmetric: the median of Beta(a,a) is 1/2
  close(betaQuantile(0.5, 37, 37), 0.5, 1e-12);
  // Beta(a, 2) has CDF (a+1)x^a − a·x^(a+1): the quantile must solve it
  const q = betaQuantile(0.05, 10, 2);
  close(11 * q ** 10 - 10 * q ** 11, 0.05, 1e-9);
  close(betaCdf(q, 10, 2), 0.05, 1e-9);
});

test('the lower bound is a proper credible bound: no data means 5%, not zero', () => {
  const none = posteriorOf(0, 0);
  assert.equal(none.mean, 0.5);
  close(none.lower, 0.05);
  close(none.upper, 0.95);
  // ten successes in a row: 95% sure the rate is at least 0.05^(1/11)
  const ten = posteriorOf(10, 0);
  close(ten.lower, 0.05 ** (1 / 11));
  // the normal approximation zeph used would give mean − 1.645·sd; the real quantile differs and stays in [0,1]
  const few = posteriorOf(1, 4);
  assert.ok(few.lower > 0 && few.lower < few.mean && few.upper < 1);
  assert.throws(() => posteriorOf(-1, 0), RangeError);
});

test('levels from outcomes: promote when sure it is good, quarantine or block when sure it is bad, with a gap against flapping', () => {
  assert.equal(levelFromOutcomes(posteriorOf(0, 0), undefined).level, 'verified');
  assert.equal(levelFromOutcomes(posteriorOf(9, 0), undefined).level, 'verified', 'too few uses to promote');
  assert.equal(levelFromOutcomes(posteriorOf(12, 0), undefined).level, 'trusted');
  // 14/20: lower bound below the promotion bar but above the demotion bar
  const middling = posteriorOf(14, 6);
  assert.ok(middling.lower < DEFAULT_TRUST_RULES.promote.minLower && middling.lower >= DEFAULT_TRUST_RULES.demote.minLower, String(middling.lower));
  assert.equal(levelFromOutcomes(middling, 'trusted').level, 'trusted');
  assert.equal(levelFromOutcomes(middling, 'verified').level, 'verified');
  assert.equal(levelFromOutcomes(posteriorOf(5, 8), 'trusted').level, 'verified');
  assert.equal(levelFromOutcomes(posteriorOf(0, 6), undefined).level, 'quarantined');
  assert.equal(levelFromOutcomes(posteriorOf(1, 24), undefined).level, 'blocked');
  assert.equal(levelFromOutcomes(posteriorOf(1, 24), undefined, { ...DEFAULT_TRUST_RULES, block: { minUses: 0, maxUpper: 0.2 } }).level, 'quarantined', 'blocking can be turned off');
});

test('rules are checked', () => {
  assert.throws(() => checkTrustRules({ ...DEFAULT_TRUST_RULES, promote: { minUses: 10, minLower: 1.5 } }), /promote\.minLower must be between 0 and 1/);
  assert.throws(() => checkTrustRules({ ...DEFAULT_TRUST_RULES, demote: { minUses: 10, minLower: 0.9 } }), /demote\.minLower must not exceed promote\.minLower/);
});

async function openStore(t: { after: (fn: () => Promise<void>) => void }) {
  const store = await StateStore.open(join(tempDir('skillsmith-trust-'), 'state.db'));
  t.after(() => store.close());
  return store;
}

const v1 = { skill: 'deploy-app', version: 'a'.repeat(40) };
const v2 = { skill: 'deploy-app', version: 'b'.repeat(40) };

test('outcomes move a version up, per version: the next version starts fresh', async (t) => {
  const trust = new TrustStore(await openStore(t));
  assert.equal(trust.state(v1).level, 'verified');
  for (let i = 0; i < 12; i++) trust.recordOutcome(v1, 'success', 'judge', { sessionKey: `s${i}` });
  const state = trust.state(v1);
  assert.deepEqual([state.level, state.successes, state.failures, state.setBy], ['trusted', 12, 0, 'rules']);
  assert.match(state.reason, /^trusted: success rate at least \d+% \(95% sure\) after 12 uses$/);
  assert.equal(trust.state(v2).level, 'verified');
  assert.equal(trust.state(v2).uses, 0);
});

test('a session counts once per version: scoring it again replaces its outcome', async (t) => {
  const trust = new TrustStore(await openStore(t));
  trust.recordOutcome(v1, 'failure', 'signals', { sessionKey: 'claude-code:abc' });
  trust.recordOutcome(v1, 'success', 'judge', { sessionKey: 'claude-code:abc' });
  const s = trust.state(v1);
  assert.deepEqual([s.successes, s.failures], [1, 0]);
  assert.deepEqual(trust.outcomes(v1).map((o) => [o.outcome, o.source]), [['success', 'judge']]);
});

test('a session is credited only to the skills it used, not to every skill it was offered', async (t) => {
  const trust = new TrustStore(await openStore(t));
  const offered = [v1, { skill: 'write-tests', version: 'c'.repeat(40) }, { skill: 'lint', version: 'd'.repeat(40) }];
  trust.creditSession({ sessionKey: 'codex:1', used: [offered[1], offered[1]], outcome: 'failure', source: 'signals', kind: 'tool-error' });
  assert.equal(trust.state(offered[1]).failures, 1, 'used twice, credited once');
  assert.equal(trust.state(v1).uses, 0);
  assert.equal(trust.state(offered[2]).uses, 0);
});

test('a manual reject records a failure with its kind and reason; as unsafe it also quarantines', async (t) => {
  const store = await openStore(t);
  const trust = new TrustStore(store);
  const rejected = trust.reject(v1, 'wrong-approach', 'it deploys with kubectl apply; we use helm');
  assert.equal(rejected.failures, 1);
  assert.equal(rejected.level, 'verified');
  assert.deepEqual(
    trust.outcomes(v1).map((o) => [o.outcome, o.source, o.kind, o.reason]),
    [['failure', 'user-reject', 'wrong-approach', 'it deploys with kubectl apply; we use helm']],
  );
  const unsafe = trust.reject(v2, 'unsafe', 'it pipes a remote script into sudo');
  assert.equal(unsafe.level, 'quarantined');
  assert.equal(trust.isQuarantined(v2), true);
  assert.throws(() => trust.reject(v1, 'sloppy', 'x'), (e: unknown) => e instanceof SkillsmithError && /unknown failure kind "sloppy"/.test(e.message));
  assert.throws(() => trust.reject(v1, 'incorrect', '  '), /a reject needs a reason/);
});

test('a person decides over the rules, and setting a level is the override that releases a quarantine', async (t) => {
  const store = await openStore(t);
  const trust = new TrustStore(store);
  trust.quarantine(v1, { reason: 'injection scan: 1 high-severity finding', findings: [{ rule: 'system-tag' }] });
  assert.equal(trust.isQuarantined(v1), true);
  for (let i = 0; i < 15; i++) trust.recordOutcome(v1, 'success', 'judge', { sessionKey: `s${i}` });
  assert.equal(trust.state(v1).level, 'quarantined', 'good outcomes do not lift a quarantine');
  const released = trust.setLevel(v1, 'verified', 'the tag is in an example; reviewed');
  assert.deepEqual([released.level, released.setBy], ['verified', 'manual']);
  assert.equal(trust.isQuarantined(v1), false);
  for (let i = 0; i < 10; i++) trust.recordOutcome(v1, 'failure', 'judge', { sessionKey: `f${i}` });
  assert.equal(trust.state(v1).level, 'verified', 'the rules do not overrule a person');
  const back = trust.clearManualLevel(v1);
  assert.equal(back.setBy, 'rules');
  trust.setLevel(v1, 'blocked', 'never again');
  assert.equal(trust.isQuarantined(v1), true, 'blocked cannot be installed either');
});

test('recordOutcome and trust survive a reopen of the store', async () => {
  const path = join(tempDir('skillsmith-trust-'), 'state.db');
  const store = await StateStore.open(path);
  recordOutcome(store, 'deploy-app', v1.version, 'success', 'judge', { sessionKey: 'x' });
  await store.close();
  const again = await StateStore.open(path);
  try {
    assert.equal(new TrustStore(again).state(v1).successes, 1);
  } finally {
    await again.close();
  }
});
