import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_GATE_SHAPE, planGate, runLooks, takeLook, type GatePlan } from '../../../../src/core/evolve/canary/gate';
import { normalCdf } from '../../../../src/core/evolve/canary/normal';
import { simulateGate, type SimulationResult } from '../../../../src/core/evolve/canary/simulate';

const plan = planGate();
const SEED = 20250701;

function sim(currentRate: number, candidateRate: number, extra: { runs?: number; sessionsPerArm?: number; seed?: number; share?: number; plan?: GatePlan } = {}): SimulationResult {
  return simulateGate(extra.plan ?? plan, {
    currentRate,
    candidateRate,
    runs: extra.runs ?? 2000,
    sessionsPerArm: extra.sessionsPerArm ?? 100,
    seed: extra.seed ?? SEED,
    share: extra.share,
  });
}

test('the default plan: five looks up to 100 sessions per arm, strict early, a constant harm threshold', () => {
  assert.deepEqual(DEFAULT_GATE_SHAPE, { maxPerArm: 100, looks: 5 });
  assert.deepEqual(plan.looks.map((l) => l.perArm), [20, 40, 60, 80, 100]);
  for (let k = 1; k < plan.looks.length; k++) assert.ok(plan.looks[k].promoteAt < plan.looks[k - 1].promoteAt);
  assert.ok(plan.looks[0].promoteAt > 0.99999);
  assert.ok(Math.abs(plan.looks[4].promoteAt - normalCdf(2.4)) < 1e-12);
  assert.ok(plan.looks[4].promoteAt > 0.99);
  for (const l of plan.looks) assert.equal(l.rollbackAt, plan.looks[0].rollbackAt);
  assert.ok(plan.looks[0].rollbackAt > 0.98);
});

test('a look decides on the posterior of its own data only', () => {
  const clear = takeLook(plan, 1, { successes: 18, failures: 22 }, { successes: 36, failures: 4 });
  assert.equal(clear.decision, 'promote');
  const worse = takeLook(plan, 0, { successes: 16, failures: 4 }, { successes: 7, failures: 13 });
  assert.equal(worse.decision, 'rollback');
  assert.ok(worse.pBetter < 0.02);
  const close = takeLook(plan, 1, { successes: 24, failures: 16 }, { successes: 29, failures: 11 });
  assert.equal(close.decision, 'continue');
  const last = takeLook(plan, 4, { successes: 60, failures: 40 }, { successes: 66, failures: 34 });
  assert.equal(last.decision, 'inconclusive');
  assert.throws(() => takeLook(plan, 0, { successes: 3, failures: 4 }, { successes: 10, failures: 10 }), /needs 20 current sessions/);
  assert.throws(() => takeLook(plan, 5, { successes: 1, failures: 1 }, { successes: 1, failures: 1 }), /no look 5/);
});

test('runLooks takes the looks the data reaches, from where it left off, and stops at a decision', () => {
  const current = Array.from({ length: 45 }, (_, i) => i % 2 === 0);
  const candidate = Array.from({ length: 50 }, (_, i) => i % 2 === 0);
  const both = runLooks(plan, current, candidate);
  assert.deepEqual(both.map((r) => [r.look, r.decision]), [[0, 'continue'], [1, 'continue']]);
  assert.deepEqual(runLooks(plan, current, candidate, 1).map((r) => r.look), [1]);
  assert.deepEqual(runLooks(plan, current, candidate, 2), []);
  const bad = Array.from({ length: 60 }, () => false);
  const good = Array.from({ length: 60 }, () => true);
  assert.deepEqual(runLooks(plan, good, bad).map((r) => r.decision), ['rollback']);
});

test('A/A at 0.6 (2000 runs, 100 sessions per arm): promotes at most 2%, in fact well under', () => {
  const r = sim(0.6, 0.6);
  assert.ok(r.promotionRate <= 0.02, `promotion rate ${r.promotionRate}`);
  assert.ok(r.promotionRate <= 0.015, `promotion rate ${r.promotionRate} leaves no margin`);
  assert.equal(r.expiredRate, 0);
  assert.ok(Math.abs(r.promotionRate + r.rollbackRate + r.inconclusiveRate - 1) < 1e-12);
});

for (const rate of [0.2, 0.5, 0.8]) {
  test(`A/A at baseline ${rate}: the false-promotion rate stays well under 2%`, () => {
    const r = sim(rate, rate, { seed: SEED + Math.round(rate * 10) });
    assert.ok(r.promotionRate <= 0.015, `promotion rate ${r.promotionRate}`);
    // rolling back an equal candidate only keeps the incumbent; still, it stays rare
    assert.ok(r.rollbackRate <= 0.08, `rollback rate ${r.rollbackRate}`);
  });
}

test('A/A with sessions split by a 30% share instead of alternately: still under 2%', () => {
  const r = sim(0.6, 0.6, { share: 0.3 });
  assert.ok(r.promotionRate <= 0.02, `promotion rate ${r.promotionRate}`);
});

test('a +20-point candidate (0.5 → 0.7) is promoted at least 65% of the time, never rolled back in practice', () => {
  const r = sim(0.5, 0.7);
  assert.ok(r.promotionRate >= 0.65, `promotion rate ${r.promotionRate}`);
  assert.ok(r.rollbackRate <= 0.005, `rollback rate ${r.rollbackRate}`);
  assert.ok(r.medianSessionsPerArmToDecision !== null && r.medianSessionsPerArmToDecision <= 80, `median ${r.medianSessionsPerArmToDecision}`);
  assert.equal(r.medianSessionsToDecision, 2 * r.medianSessionsPerArmToDecision!);
});

test('a -20-point candidate (0.7 → 0.5) is promoted at most 1% and rolled back at least 65%, early', () => {
  const r = sim(0.7, 0.5);
  assert.ok(r.promotionRate <= 0.01, `promotion rate ${r.promotionRate}`);
  assert.ok(r.rollbackRate >= 0.65, `rollback rate ${r.rollbackRate}`);
  assert.ok(r.medianSessionsPerArmToDecision !== null && r.medianSessionsPerArmToDecision <= 60, `median ${r.medianSessionsPerArmToDecision}`);
});

test('a canary whose time runs out before the last look expires', () => {
  const r = sim(0.6, 0.6, { sessionsPerArm: 50, runs: 500 });
  assert.ok(r.expiredRate > 0.85, `expired ${r.expiredRate}`);
  assert.equal(r.inconclusiveRate, 0);
  assert.ok(Math.abs(r.promotionRate + r.rollbackRate + r.expiredRate - 1) < 1e-12);
});

test('the same seed gives the same figures; another seed other draws', () => {
  assert.deepEqual(sim(0.5, 0.7, { runs: 300 }), sim(0.5, 0.7, { runs: 300 }));
  assert.notDeepEqual(sim(0.5, 0.6, { runs: 300 }), sim(0.5, 0.6, { runs: 300, seed: SEED + 1 }));
});

test('why planned looks: P(better) > 0.95 checked after every session promotes an equal candidate far too often', () => {
  const naive: GatePlan = { looks: Array.from({ length: 100 }, (_, i) => ({ perArm: i + 1, promoteAt: 0.95, rollbackAt: 1.1 })) };
  const r = sim(0.6, 0.6, { plan: naive, runs: 1000 });
  assert.ok(r.promotionRate > 0.1, `naive promotion rate ${r.promotionRate}`);
});

test('bad simulation input is refused with the reason', () => {
  assert.throws(() => sim(1.2, 0.5), /current rate must be between 0 and 1/);
  assert.throws(() => sim(0.5, 0.5, { runs: 0 }), /runs must be a positive integer/);
  assert.throws(() => sim(0.5, 0.5, { share: 1 }), /share must be between 0 and 1/);
  assert.throws(() => planGate({ maxPerArm: 10, looks: 11 }), /looks must be an integer/);
});
