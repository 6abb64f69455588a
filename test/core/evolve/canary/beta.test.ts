import assert from 'node:assert/strict';
import { test } from 'node:test';
import { probCandidateBetter, probGreater } from '../../../../src/core/evolve/canary/beta';
import { normalCdf } from '../../../../src/core/evolve/canary/normal';

/** P(pB > pA) by numerical integration over pB on a fine grid: ∫ fB(x) FA(x) dx. */
function integrated(aA: number, bA: number, aB: number, bB: number): number {
  const steps = 20000;
  const density = (a: number, b: number, x: number) => x ** (a - 1) * (1 - x) ** (b - 1);
  let normB = 0;
  let total = 0;
  let cdfA = 0;
  let normA = 0;
  for (let i = 0; i < steps; i++) normA += density(aA, bA, (i + 0.5) / steps);
  for (let i = 0; i < steps; i++) {
    const x = (i + 0.5) / steps;
    cdfA += density(aA, bA, x) / normA;
    const fb = density(aB, bB, x);
    normB += fb;
    total += fb * (cdfA - density(aA, bA, x) / normA / 2);
  }
  return total / normB;
}

test('equal posteriors are a coin toss, and the two directions add up to one', () => {
  assert.ok(Math.abs(probGreater(1, 1, 1, 1) - 0.5) < 1e-12);
  assert.ok(Math.abs(probGreater(13, 8, 13, 8) - 0.5) < 1e-9);
  for (const [a, b, c, d] of [[3, 5, 7, 2], [20, 31, 29, 22], [1, 9, 4, 4]]) {
    assert.ok(Math.abs(probGreater(a, b, c, d) + probGreater(c, d, a, b) - 1) < 1e-9, `${a},${b} vs ${c},${d}`);
  }
});

test('matches numerical integration', () => {
  for (const [a, b, c, d] of [[2, 1, 1, 2], [5, 3, 8, 2], [31, 71, 41, 61], [60, 42, 75, 27]]) {
    const exact = probGreater(a, b, c, d);
    assert.ok(Math.abs(exact - integrated(a, b, c, d)) < 1e-4, `${a},${b} vs ${c},${d}: ${exact} vs ${integrated(a, b, c, d)}`);
  }
});

test('the candidate posterior rises with its successes', () => {
  const current = { successes: 30, failures: 20 };
  const p = [25, 30, 35, 40].map((s) => probCandidateBetter(current, { successes: s, failures: 50 - s }));
  assert.ok(p[0] < p[1] && p[1] < p[2] && p[2] < p[3]);
  assert.ok(Math.abs(p[1] - 0.5) < 1e-9);
  assert.ok(p[3] > 0.98);
});

test('refuses parameters that are not positive integers', () => {
  assert.throws(() => probGreater(0, 1, 1, 1), /positive integers/);
  assert.throws(() => probGreater(1.5, 1, 1, 1), /positive integers/);
});

test('the normal CDF is accurate where the gate uses it', () => {
  assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
  assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
  assert.ok(Math.abs(normalCdf(2.326348) - 0.99) < 1e-6);
  assert.ok(Math.abs(normalCdf(-2.326348) - 0.01) < 1e-6);
  assert.ok(Math.abs(normalCdf(4.8) - 0.99999920667) < 1e-8);
});
