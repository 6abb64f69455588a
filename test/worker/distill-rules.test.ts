import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DistillRules } from '../../src/core/distill/distill';
import { resolveHome } from '../../src/core/home';
import { runInWorker } from '../../src/worker/client';
import { distillJob, isHostToWorker } from '../../src/worker/protocol';

const WORKER = resolve(__dirname, '..', '..', 'dist', 'worker.js');
const SAMPLES = resolve(__dirname, '..', '..', 'samples', 'sessions');

function job(rules?: DistillRules) {
  const home = resolveHome(mkdtempSync(join(tmpdir(), 'distill-rules-')));
  return distillJob({ home, paths: [SAMPLES], workspace: '', allWorkspaces: true, ...(rules ? { rules } : {}) });
}

test('minSessions reaches the engine through the real worker: the sample skills rest on four to nine sessions, so 4 drafts them and 10 nothing', async () => {
  const three = await runInWorker(WORKER, job({ minSessions: 4 }));
  assert.deepEqual(three.pipeline.created.map((c) => c.name).sort(), ['add-migration-column', 'cut-patch-release', 'working-in-shop-api']);
  const four = await runInWorker(WORKER, job({ minSessions: 10 }));
  assert.equal(four.ingest.new, 12);
  assert.equal(four.pipeline.atomsAdded, three.pipeline.atomsAdded);
  assert.deepEqual(four.pipeline.created, [], 'nothing recurs in ten distinct sessions');
});

test('a rule out of range fails the job with one line naming it, before any session is read', async () => {
  const bad = job({ canary: { maxSessionsPerArm: 10, looks: 11 } });
  await assert.rejects(runInWorker(WORKER, bad), /canary settings: looks must be an integer from 1 to maxPerArm, got 11$/);
  assert.equal(existsSync(bad.request.home.state), false, 'no state database was created');
  const trust = job({ trust: { promote: { minUses: 10, minLower: 0.5 }, demote: { minUses: 10, minLower: 0.6 }, quarantine: { minUses: 6, maxUpper: 0.5 }, block: { minUses: 20, maxUpper: 0.2 } } });
  await assert.rejects(runInWorker(WORKER, trust), /trust rules: demote\.minLower must not exceed promote\.minLower/);
  await assert.rejects(runInWorker(WORKER, job({ minSessions: 0 })), /distill minSessions: must be a whole number of at least 1, got 0/);
});

test('the protocol refuses rules of the wrong shape', () => {
  const run = (rules: unknown) => ({ type: 'run', id: 'x', job: { kind: 'distill', request: { ...job().request, rules } } });
  assert.equal(isHostToWorker(run({ minSessions: 3, canary: { share: 0.2 } })), true);
  assert.equal(isHostToWorker(run({ minSessions: '3' })), false);
  assert.equal(isHostToWorker(run({ canary: { share: '50%' } })), false);
  assert.equal(isHostToWorker(run({ trust: { promote: { minUses: 1, minLower: 0.5 } } })), false, 'trust rules come whole');
  assert.equal(isHostToWorker(run({ autoStartCanaries: false })), true);
  assert.equal(isHostToWorker(run({ autoStartCanaries: 'off' })), false);
});
