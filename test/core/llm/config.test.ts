import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SkillsmithError } from '../../../src/core/errors';
import { DEFAULT_LIMITS, describeLlmConfig, llmConfigFromEnv, OPENAI_BASE_URL, type LlmConfig } from '../../../src/core/llm/config';
import { createLlmClient, embeddingsEndpoint } from '../../../src/core/llm/create-client';
import { MemoryTokenLedger } from '../../../src/core/llm/ledger';
import { API_KEY, skillSchema } from './helpers';

function fails(fn: () => unknown, pattern: RegExp): SkillsmithError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SkillsmithError, `expected a SkillsmithError, got ${String(e)}`);
    assert.match(e.describe(), pattern);
    return e;
  }
  assert.fail('expected an error');
}

test('nothing set: offline, with the default limits', () => {
  const c = llmConfigFromEnv({}, {});
  assert.equal(c.provider, 'offline');
  assert.deepEqual(c.limits, DEFAULT_LIMITS);
  assert.equal(c.apiKey, undefined);
  assert.equal(createLlmClient(c, { ledger: new MemoryTokenLedger() }).canChat, false);
});

test('flags win over the environment; the key only comes from the environment', () => {
  const env = { SKILLSMITH_LLM_BASE_URL: 'http://env.example/v1', SKILLSMITH_LLM_MODEL: 'env-model', SKILLSMITH_LLM_API_KEY: API_KEY };
  const c = llmConfigFromEnv(env, { llmBaseUrl: 'http://flag.example/v1' });
  assert.equal(c.provider, 'openai');
  assert.equal(c.baseUrl, 'http://flag.example/v1');
  assert.equal(c.model, 'env-model');
  assert.equal(c.apiKey, API_KEY);
  assert.equal(c.embeddings, undefined);
});

test('a key and a model alone mean OpenAI itself', () => {
  const c = llmConfigFromEnv({ SKILLSMITH_LLM_API_KEY: API_KEY }, { llmModel: 'gpt-4o-mini' });
  assert.equal(c.baseUrl, OPENAI_BASE_URL);
});

test('an endpoint without a model is an error that says which flag to use', () => {
  fails(() => llmConfigFromEnv({ SKILLSMITH_LLM_BASE_URL: 'http://localhost:11434/v1' }), /no model is set.*--llm-model/);
  fails(() => llmConfigFromEnv({}, { llmProvider: 'openai' }), /no model is set/);
});

test('bad base URLs are refused without echoing what was given', () => {
  const e = fails(() => llmConfigFromEnv({ SKILLSMITH_LLM_MODEL: 'm' }, { llmBaseUrl: API_KEY }), /the base URL is not a URL/);
  assert.ok(!e.describe().includes(API_KEY));
  fails(() => llmConfigFromEnv({ SKILLSMITH_LLM_MODEL: 'm' }, { llmBaseUrl: 'ftp://x/v1' }), /must start with http:\/\/ or https:\/\//);
  const creds = fails(() => llmConfigFromEnv({ SKILLSMITH_LLM_MODEL: 'm' }, { llmBaseUrl: 'https://me:hunter2@llm.example/v1' }), /must not hold a user name or password \(got https:\/\/llm\.example\/v1\)/);
  assert.ok(!creds.describe().includes('hunter2'));
});

test('providers: offline and openai by name, vscode-lm only inside VS Code, others refused', () => {
  assert.equal(llmConfigFromEnv({ SKILLSMITH_LLM_MODEL: 'm' }, { llmProvider: 'offline' }).provider, 'offline');
  fails(() => llmConfigFromEnv({ SKILLSMITH_LLM_PROVIDER: 'vscode-lm' }), /SKILLSMITH_LLM_PROVIDER: the VS Code language model provider is only available inside VS Code/);
  fails(() => llmConfigFromEnv({}, { llmProvider: 'anthropic' }), /unknown LLM provider "anthropic"/);
});

test('limits from the environment, checked one by one', () => {
  const c = llmConfigFromEnv({ SKILLSMITH_LLM_MODEL: 'm', SKILLSMITH_LLM_RPM: '30', SKILLSMITH_LLM_TPM: '0', SKILLSMITH_LLM_MAX_CONCURRENT: '2', SKILLSMITH_LLM_TIMEOUT_MS: '5000' });
  assert.deepEqual(c.limits, { ...DEFAULT_LIMITS, requestsPerMinute: 30, tokensPerMinute: 0, maxConcurrent: 2, timeoutMs: 5000 });
  fails(() => llmConfigFromEnv({ SKILLSMITH_LLM_MAX_CONCURRENT: '0' }), /^SKILLSMITH_LLM_MAX_CONCURRENT: must be a whole number ≥ 1 \(got "0"\)$/);
  fails(() => llmConfigFromEnv({ SKILLSMITH_LLM_RPM: 'lots' }), /^SKILLSMITH_LLM_RPM: must be a number ≥ 0/);
  fails(() => llmConfigFromEnv({ SKILLSMITH_LLM_BURST: '1.5' }), /^SKILLSMITH_LLM_BURST: must be a whole number ≥ 1/);
  fails(() => llmConfigFromEnv({ SKILLSMITH_LLM_MAX_OUTPUT_TOKENS: '0' }), /^SKILLSMITH_LLM_MAX_OUTPUT_TOKENS: must be a whole number ≥ 1/);
});

test('embeddings: on when a model is named; the chat key follows only to the same origin', () => {
  const env = { SKILLSMITH_LLM_BASE_URL: 'https://llm.example/v1', SKILLSMITH_LLM_MODEL: 'chat', SKILLSMITH_LLM_API_KEY: API_KEY };
  const same = llmConfigFromEnv({ ...env, SKILLSMITH_EMBEDDINGS_MODEL: 'embed' });
  assert.deepEqual(embeddingsEndpoint(same), { baseUrl: 'https://llm.example/v1', model: 'embed', apiKey: API_KEY });
  const elsewhere = llmConfigFromEnv(env, { embeddingsModel: 'embed', embeddingsBaseUrl: 'https://vectors.example/v1' });
  assert.deepEqual(embeddingsEndpoint(elsewhere), { baseUrl: 'https://vectors.example/v1', model: 'embed', apiKey: undefined });
  const ownKey = llmConfigFromEnv({ ...env, SKILLSMITH_EMBEDDINGS_API_KEY: 'sk-embed-key-000' }, { embeddingsModel: 'embed', embeddingsBaseUrl: 'https://vectors.example/v1' });
  assert.equal(embeddingsEndpoint(ownKey)?.apiKey, 'sk-embed-key-000');
  fails(() => llmConfigFromEnv({ ...env, SKILLSMITH_EMBEDDINGS_BASE_URL: 'https://vectors.example/v1' }), /an embeddings base URL is set but no embeddings model/);
  assert.equal(embeddingsEndpoint(llmConfigFromEnv(env)), undefined);
});

test('describing a config never shows the key', () => {
  const c = llmConfigFromEnv({ SKILLSMITH_LLM_API_KEY: API_KEY, SKILLSMITH_LLM_MODEL: 'gpt-4o-mini', SKILLSMITH_EMBEDDINGS_MODEL: 'text-embedding-3-small' });
  assert.equal(describeLlmConfig(c), 'gpt-4o-mini at https://api.openai.com/v1 (API key set); embeddings text-embedding-3-small');
  assert.equal(describeLlmConfig(llmConfigFromEnv({})), 'offline (no model; deterministic drafts only)');
});

test('the offline client spends nothing and calling it is a clear programming error', async () => {
  const ledger = new MemoryTokenLedger();
  const client = createLlmClient(llmConfigFromEnv({}), { ledger });
  assert.equal(client.id, 'offline');
  assert.equal(client.embed, undefined);
  await assert.rejects(client.chatJson({ stage: 'split', system: 's', user: 'u', schema: skillSchema }), /programming error: stage "split" called chatJson on the offline LLM client; check client\.canChat/);
  assert.deepEqual(ledger.totals(), { inputTokens: 0, outputTokens: 0, calls: 0 });
});

test('the vscode-lm provider is not built by the core factory', () => {
  const config: LlmConfig = { provider: 'vscode-lm', limits: DEFAULT_LIMITS, maxOutputTokens: 100 };
  assert.throws(() => createLlmClient(config, { ledger: new MemoryTokenLedger() }), /the extension wraps vscode\.lm in a ChatTransport/);
});
