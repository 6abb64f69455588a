/**
 * The canary gate's error rates and power, by simulation with fixed seeds (the same figures the tests
 * assert), beside two baselines run in the same pass: the naive rule (promote once P(better) > 0.95,
 * checked after every session) and a single fixed-size look at 100 sessions per arm.
 * Run: node --import tsx bench/canary.ts
 */
import { normalCdf } from '../src/core/evolve/canary/normal';
import { planGate, type GatePlan } from '../src/core/evolve/canary/gate';
import { simulateGate, type SimulationResult } from '../src/core/evolve/canary/simulate';

const RUNS = 2000;
const PER_ARM = 100;
const SEED = 20250701;

const gate = planGate();
const naive: GatePlan = { looks: Array.from({ length: PER_ARM }, (_, i) => ({ perArm: i + 1, promoteAt: 0.95, rollbackAt: 0.95 })) };
const fixed: GatePlan = { looks: [{ perArm: PER_ARM, promoteAt: normalCdf(2.326), rollbackAt: normalCdf(2.326) }] };

interface Scenario {
  name: string;
  arms: [number, number];
  seed: number;
  /** The figure the issue requires, checked against the gate. */
  check?: (r: SimulationResult) => string;
}

const scenarios: Scenario[] = [
  { name: 'A/A 0.6', arms: [0.6, 0.6], seed: SEED, check: (r) => need(r.promotionRate <= 0.02, 'promoted ≤ 2%') },
  { name: 'A/A 0.2', arms: [0.2, 0.2], seed: SEED + 2, check: (r) => need(r.promotionRate <= 0.02, 'promoted ≤ 2%') },
  { name: 'A/A 0.5', arms: [0.5, 0.5], seed: SEED + 5, check: (r) => need(r.promotionRate <= 0.02, 'promoted ≤ 2%') },
  { name: 'A/A 0.8', arms: [0.8, 0.8], seed: SEED + 8, check: (r) => need(r.promotionRate <= 0.02, 'promoted ≤ 2%') },
  { name: '+10 (0.5/0.6)', arms: [0.5, 0.6], seed: SEED },
  { name: '+20 (0.5/0.7)', arms: [0.5, 0.7], seed: SEED, check: (r) => need(r.promotionRate >= 0.65, 'promoted ≥ 65%') },
  { name: '+30 (0.4/0.7)', arms: [0.4, 0.7], seed: SEED },
  { name: '-20 (0.7/0.5)', arms: [0.7, 0.5], seed: SEED, check: (r) => need(r.promotionRate <= 0.01 && r.rollbackRate >= 0.65, 'promoted ≤ 1%, rolled back ≥ 65%') },
];

function need(ok: boolean, what: string): string {
  return `${ok ? 'meets' : 'FAILS'} ${what}`;
}

function sim(plan: GatePlan, s: Scenario): { r: SimulationResult; ms: number } {
  const started = performance.now();
  const r = simulateGate(plan, { currentRate: s.arms[0], candidateRate: s.arms[1], runs: RUNS, sessionsPerArm: PER_ARM, seed: s.seed });
  return { r, ms: performance.now() - started };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
const med = (x: number | null) => (x === null ? '—' : String(x)).padStart(4);

console.log(`   ${RUNS} runs per scenario, at most ${PER_ARM} sessions per arm, looks at ${gate.looks.map((l) => l.perArm).join('/')}`);
console.log('   scenario        promoted  rolled back  median/arm   naive: promoted   fixed n=100: promoted   figure');
let gateMs = 0;
let fixedMs = 0;
for (const s of scenarios) {
  const g = sim(gate, s);
  const n = sim(naive, s);
  const f = sim(fixed, s);
  gateMs += g.ms;
  fixedMs += f.ms;
  console.log(
    `   ${s.name.padEnd(15)} ${pct(g.r.promotionRate)}    ${pct(g.r.rollbackRate)}       ${med(g.r.medianSessionsPerArmToDecision)}         ${pct(n.r.promotionRate)}            ${pct(f.r.promotionRate)}        ${s.check?.(g.r) ?? ''}`,
  );
}
console.log(`   gate simulation: ${(gateMs / scenarios.length).toFixed(0)} ms per ${RUNS} runs, ${(gateMs / fixedMs).toFixed(2)}× a single fixed look`);
