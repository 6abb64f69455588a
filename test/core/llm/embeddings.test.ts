import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS } from '../../../src/core/llm/config';
import { LlmError } from '../../../src/core/llm/errors';
import { GuardedLlmClient } from '../../../src/core/llm/guarded-client';
import { MemoryTokenLedger } from '../../../src/core/llm/ledger';
import { OpenAiChatTransport, OpenAiEmbeddingTransport } from '../../../src/core/llm/openai-transport';
import { InstantClock } from '../../support/clocks';
import { reply, startOpenAiServer, textVector } from '../../support/openai-server';
import { API_KEY, rig } from './helpers';

test('no embeddings model, no embed method', async (t) => {
  const r = await rig(t);
  assert.equal(r.client.embed, undefined);
});

test('embeddings through the server: vectors in order, usage, ledger', async (t) => {
  const r = await rig(t, { config: { embeddings: { model: 'embed-model' } } });
  const texts = ['run the tests', 'fix the build', 'deploy'];

  const result = await r.client.embed!({ stage: 'route', texts });

  assert.deepEqual(result.vectors, texts.map(textVector));
  assert.equal(result.model, 'embed-model');
  const sent = r.server.requestsTo('embeddings');
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0]!.body, { model: 'embed-model', input: texts, encoding_format: 'float' });
  assert.equal(sent[0]!.headers.authorization, `Bearer ${API_KEY}`, 'same origin: the chat key goes along');
  const tokens = texts.reduce((n, x) => n + Math.ceil(x.length / 4), 0);
  assert.deepEqual(result.usage, { inputTokens: tokens, outputTokens: 0 });
  assert.deepEqual(r.ledger.rows(), [{ day: '2025-01-01', stage: 'route', model: 'embed-model', inputTokens: tokens, outputTokens: 0, calls: 1 }]);
});

test('embeddings are retried on 429 like chat calls', async (t) => {
  const r = await rig(t, { config: { embeddings: { model: 'embed-model' } } });
  r.server.enqueue(reply.rateLimited({ retryAfter: '1' }));
  const result = await r.client.embed!({ stage: 'route', texts: ['a'] });
  assert.equal(result.vectors.length, 1);
  assert.equal(r.server.requestsTo('embeddings').length, 2);
  assert.ok(r.clock.sleeps[0]! >= 1000);
});

test('a reply with the wrong number of vectors is an error, not a quiet gap in the index', async (t) => {
  const r = await rig(t, { config: { embeddings: { model: 'embed-model' } } });
  r.server.enqueue(reply.embeddings([[1, 0]]));
  const e = await r.client.embed!({ stage: 'route', texts: ['a', 'b'] }).catch((x: unknown) => x);
  assert.ok(e instanceof LlmError);
  assert.equal(e.kind, 'malformed-output');
  assert.match(e.message, /^LLM call "route" \(model embed-model at http:\/\/127\.0\.0\.1:\d+\/v1\) failed: the embeddings reply is unusable: 1 vectors for 2 texts$/);
});

test('long lists go in batches, and the vectors come back whole and in order', async (t) => {
  const server = await startOpenAiServer();
  t.after(() => server.close());
  const clock = new InstantClock();
  const ledger = new MemoryTokenLedger();
  const target = { baseUrl: server.baseUrl, model: 'embed-model' };
  const client = new GuardedLlmClient(
    new OpenAiChatTransport({ ...target, model: 'chat-model' }, 5000, clock),
    { limits: DEFAULT_LIMITS, maxOutputTokens: 100, ledger, clock, embedBatchSize: 2 },
    new OpenAiEmbeddingTransport(target, 5000, clock),
  );
  const texts = ['one', 'two', 'three', 'four', 'five'];
  const result = await client.embed!({ stage: 'index', texts });
  assert.deepEqual(result.vectors, texts.map(textVector));
  assert.deepEqual(server.requestsTo('embeddings').map((q) => q.body.input), [['one', 'two'], ['three', 'four'], ['five']]);
  assert.equal(ledger.totals({ stage: 'index' }).calls, 3);
  assert.equal(server.requestsTo('embeddings')[0]!.headers.authorization, undefined, 'no key, no Authorization header');
});
