import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { distill, type DistillRequest } from '../../../src/core/distill/distill';
import { SkillsmithError } from '../../../src/core/errors';
import { DEFAULT_LIMITS, OFFLINE_CONFIG, type LlmConfig } from '../../../src/core/llm/config';
import { StoreTokenLedger } from '../../../src/core/llm/store-ledger';
import { resolveHome } from '../../../src/core/home';
import { StateStore } from '../../../src/core/store/database';
import { describeJob, distillJob, isHostToWorker, requestWithCredentials } from '../../../src/worker/protocol';
import { startOpenAiServer } from '../../support/openai-server';
import { scriptedModel } from '../../support/scripted-model';

const SAMPLES = resolve(__dirname, '../../../samples/sessions');
const KEY = 'sk-wiring-secret-abcdef0123456789';

function request(llm?: LlmConfig): DistillRequest {
  const root = mkdtempSync(join(tmpdir(), 'skillsmith-wiring-'));
  return { home: resolveHome(root), paths: [SAMPLES], workspace: root, allWorkspaces: true, llm };
}

test('distill() runs the model engine from the config in the request and reports this run\'s tokens from the ledger', async (t) => {
  const server = await startOpenAiServer({ handler: scriptedModel() });
  t.after(() => server.close());
  const llm: LlmConfig = { provider: 'openai', baseUrl: server.baseUrl, model: 'scripted', apiKey: KEY, limits: { ...DEFAULT_LIMITS }, maxOutputTokens: 1500 };
  const req = request(llm);

  const first = await distill(req);
  assert.equal(first.pipeline.engine, 'llm');
  assert.deepEqual(first.pipeline.problems, []);
  assert.ok(first.pipeline.created.length >= 2, JSON.stringify(first.pipeline));
  assert.equal(first.tokens.engine, 'llm');
  assert.equal(first.tokens.calls, server.requests.length);
  assert.deepEqual([...new Set(first.tokens.byStage.map((s) => s.stage))].sort(), ['propose', 'split']);
  assert.ok(first.tokens.inputTokens > 0 && first.tokens.outputTokens > 0);
  assert.ok(server.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`));

  const store = await StateStore.open(req.home.state);
  const persisted = new StoreTokenLedger(store).totals();
  await store.close();
  assert.deepEqual(persisted, { inputTokens: first.tokens.inputTokens, outputTokens: first.tokens.outputTokens, calls: first.tokens.calls });

  const sent = server.requests.length;
  const second = await distill(req);
  assert.equal(server.requests.length, sent, 'unchanged sessions: no request');
  assert.deepEqual({ calls: second.tokens.calls, input: second.tokens.inputTokens }, { calls: 0, input: 0 });
  assert.equal(second.pipeline.commits, 0);
});

test('an offline provider, or no config, runs the offline engine and spends nothing', async () => {
  for (const llm of [undefined, { ...OFFLINE_CONFIG }]) {
    const result = await distill(request(llm));
    assert.equal(result.pipeline.engine, 'offline');
    assert.deepEqual({ engine: result.tokens.engine, calls: result.tokens.calls }, { engine: 'offline', calls: 0 });
  }
});

test('a bad LLM config fails before anything is read, naming the setting', async () => {
  const bad: LlmConfig = { provider: 'openai', baseUrl: 'ftp://example.com', model: 'm', limits: { ...DEFAULT_LIMITS }, maxOutputTokens: 100 };
  const req = request(bad);
  await assert.rejects(distill(req), (e: unknown) => {
    assert.ok(e instanceof SkillsmithError);
    assert.equal(e.describe(), 'LLM settings: the base URL must start with http:// or https:// (got ftp://example.com)');
    return true;
  });
  assert.equal(existsSync(req.home.state), false, 'the state was not even opened');
});

test('the worker job carries the key beside the request, never inside it; the loggable form has no key', () => {
  const llm: LlmConfig = {
    provider: 'openai',
    baseUrl: 'http://127.0.0.1:9/v1',
    model: 'm',
    apiKey: KEY,
    embeddings: { model: 'e', apiKey: 'sk-embed-secret-987654321' },
    limits: { ...DEFAULT_LIMITS },
    maxOutputTokens: 100,
  };
  const job = distillJob(request(llm));
  assert.equal(job.request.llm?.apiKey, undefined);
  assert.equal(job.request.llm?.embeddings?.apiKey, undefined);
  assert.deepEqual(job.credentials, { llmApiKey: KEY, embeddingsApiKey: 'sk-embed-secret-987654321' });
  assert.doesNotMatch(JSON.stringify(job.request), /secret/);
  assert.doesNotMatch(describeJob(job), /secret/);
  assert.match(describeJob(job), /\(openai m, API key set\)$/);

  const message = { type: 'run', id: 'j1', job };
  assert.equal(isHostToWorker(structuredClone(message)), true);
  const restored = requestWithCredentials(structuredClone(job));
  assert.equal(restored.llm?.apiKey, KEY);
  assert.equal(restored.llm?.embeddings?.apiKey, 'sk-embed-secret-987654321');

  // refused on receipt: a key inside the config, credentials of the wrong type, a config of the wrong shape
  assert.equal(isHostToWorker({ ...message, job: { ...job, request: { ...job.request, llm: { ...job.request.llm, apiKey: KEY } } } }), false);
  assert.equal(isHostToWorker({ ...message, job: { ...job, credentials: { llmApiKey: 42 } } }), false);
  assert.equal(isHostToWorker({ ...message, job: { ...job, request: { ...job.request, llm: { ...job.request.llm, provider: 'gpt' } } } }), false);
  assert.equal(isHostToWorker({ ...message, job: { ...job, request: { ...job.request, llm: { ...job.request.llm, limits: { burst: 1 } } } } }), false);
  const offline = distillJob(request());
  assert.equal(offline.credentials, undefined);
  assert.equal(isHostToWorker({ type: 'run', id: 'j2', job: offline }), true);
});
