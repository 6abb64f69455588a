import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { evalJson } from '../../src/core/eval/format';
import type { EvalProgress } from '../../src/core/eval/run';
import { runEval } from '../../src/core/eval/run';
import { runInWorker } from '../../src/worker/client';
import { describeJob, evalJob, isHostToWorker } from '../../src/worker/protocol';

const WORKER = resolve(__dirname, '..', '..', 'dist', 'worker.js');
const SAMPLES = resolve(__dirname, '..', '..', 'samples', 'sessions');
const INPUT = { paths: [SAMPLES], workspace: '', allWorkspaces: true, split: 0.5 };

test('an eval job in the real worker reports each phase and gives the report the core gives in process', async () => {
  const phases = new Set<string>();
  const inWorker = await runInWorker(WORKER, evalJob(INPUT), { onProgress: (p: EvalProgress) => void phases.add(p.phase) });
  assert.deepEqual([...phases], ['ingest', 'distill', 'match']);
  assert.deepEqual(evalJson(inWorker), evalJson(await runEval(INPUT)));
});

test('an eval job keeps its API key beside the input, and a malformed one is refused on receipt', () => {
  const job = evalJob({ ...INPUT, llm: { provider: 'openai', model: 'm', apiKey: 'sk-test-1234', maxOutputTokens: 100, limits: { requestsPerMinute: 1, tokensPerMinute: 1, burst: 1, maxConcurrent: 1, timeoutMs: 1, maxRetries: 0 } } });
  assert.equal(job.kind === 'eval' && job.input.llm?.apiKey, undefined);
  assert.equal(job.credentials?.llmApiKey, 'sk-test-1234');
  assert.ok(!describeJob(job).includes('sk-test'));
  assert.equal(isHostToWorker({ type: 'run', id: 'x', job }), true);
  assert.equal(isHostToWorker({ type: 'run', id: 'x', job: { kind: 'eval', input: { ...INPUT, paths: 'samples' } } }), false);
  assert.equal(isHostToWorker({ type: 'run', id: 'x', job: { kind: 'eval', input: { ...INPUT, k: '3' } } }), false);
});

test('a bad share reaches the host as the core\'s error, from the worker', async () => {
  await assert.rejects(runInWorker(WORKER, evalJob({ ...INPUT, split: 2 })), /eval split: must be a share between 0 and 1/);
});
