import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LlmError } from '../../../src/core/llm/errors';
import { reply } from '../../support/openai-server';
import { API_KEY, ask, goodSkill, rig, skillSchema, until } from './helpers';

test('happy path: one request, the value, the usage, and the ledger entry', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.json(goodSkill, { usage: { prompt_tokens: 120, completion_tokens: 30 } }));

  const result = await ask(r.client);

  assert.deepEqual(result.value, goodSkill);
  assert.deepEqual(result.usage, { inputTokens: 120, outputTokens: 30 });
  assert.equal(result.repaired, false);
  assert.equal(result.model, 'test-model');
  assert.equal(r.client.id, 'openai:test-model');
  assert.equal(r.server.requests.length, 1);
  const sent = r.server.requests[0]!;
  assert.equal(sent.path, '/chat/completions');
  assert.equal(sent.headers.authorization, `Bearer ${API_KEY}`);
  assert.equal(sent.body.model, 'test-model');
  assert.equal(sent.body.max_tokens, 512);
  assert.deepEqual(sent.body.response_format, { type: 'json_object' });
  assert.equal(sent.body.messages.length, 2);
  assert.equal(sent.body.messages[0].role, 'system');
  assert.match(sent.body.messages[0].content, /^You turn a session into a skill outline\./);
  assert.match(sent.body.messages[0].content, /JSON Schema:\n\{"type":"object"/);
  assert.deepEqual(sent.body.messages[1], { role: 'user', content: 'The user ran the tests with npm test.' });
  assert.deepEqual(r.ledger.totals({ stage: 'split' }), { inputTokens: 120, outputTokens: 30, calls: 1 });
  assert.deepEqual(r.clock.sleeps, [], 'nothing waited');
});

test('a per-call maxOutputTokens overrides the default', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.json(goodSkill));
  await r.client.chatJson({ stage: 'write', system: 's', user: 'u', schema: skillSchema, maxOutputTokens: 77 });
  assert.equal(r.server.requests[0]!.body.max_tokens, 77);
});

test('429 with Retry-After in seconds: waits as told, then succeeds', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.rateLimited({ retryAfter: '2' }), reply.json(goodSkill));

  const result = await ask(r.client);

  assert.deepEqual(result.value, goodSkill);
  assert.equal(r.server.requests.length, 2);
  assert.equal(r.clock.sleeps.length, 1, 'one wait: the retry, not a second one in the limiter');
  assert.ok(r.clock.sleeps[0]! >= 2000 && r.clock.sleeps[0]! <= 2200, `waited ${r.clock.sleeps[0]} ms`);
  assert.ok(r.logs.some((l) => /HTTP 429/.test(l) && /retry 1 of 4 in 2\.\d s/.test(l)), r.logs.join('\n'));
});

test('429 with retry-after-ms and with an HTTP date are honoured too', async (t) => {
  const r = await rig(t);
  const date = new Date(r.clock.now() + 3000).toUTCString();
  r.server.enqueue(reply.rateLimited({ retryAfterMs: '1500' }), reply.rateLimited({ retryAfter: date }), reply.json(goodSkill));

  await ask(r.client);

  assert.equal(r.server.requests.length, 3);
  assert.equal(r.clock.sleeps.length, 2);
  assert.ok(r.clock.sleeps[0]! >= 1500 && r.clock.sleeps[0]! <= 1650, `first wait ${r.clock.sleeps[0]} ms`);
  // the date was 3 s after the start; 1.5 s of it already passed in the first wait
  assert.ok(r.clock.sleeps[1]! >= 1350 && r.clock.sleeps[1]! <= 1500, `second wait ${r.clock.sleeps[1]} ms`);
});

test('a Retry-After longer than we wait fails at once and says how long the server asked for', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.rateLimited({ retryAfter: '3600' }));
  const e = await ask(r.client).catch((x: unknown) => x);
  assert.ok(e instanceof LlmError);
  assert.equal(e.kind, 'rate-limited');
  assert.match(e.message, /asked to wait 3600 s/);
  assert.equal(r.server.requests.length, 1);
  assert.deepEqual(r.clock.sleeps, []);
});

test('an exhausted quota (429 insufficient_quota) is not retried', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.rateLimited({ code: 'insufficient_quota' }));
  const e = await ask(r.client).catch((x: unknown) => x);
  assert.ok(e instanceof LlmError);
  assert.equal(e.kind, 'rate-limited');
  assert.equal(e.retryable, false);
  assert.match(e.message, /quota exhausted/);
  assert.equal(r.server.requests.length, 1);
});

test('500 twice, then success: exponential backoff with jitter', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.serverError(500), reply.serverError(503, 'overloaded'), reply.json(goodSkill));

  const result = await ask(r.client);

  assert.deepEqual(result.value, goodSkill);
  assert.equal(r.server.requests.length, 3);
  const [first, second] = r.clock.sleeps;
  assert.equal(r.clock.sleeps.length, 2);
  assert.ok(first! >= 500 && first! <= 1000, `first backoff ${first}`);
  assert.ok(second! >= 1000 && second! <= 2000, `second backoff ${second}`);
  assert.equal(r.ledger.totals().calls, 1, 'failed requests spent nothing');
});

test('timeout (no answer at all), then success', async (t) => {
  const r = await rig(t, { limits: { timeoutMs: 250 } });
  r.server.enqueue(reply.hang(), reply.json(goodSkill));
  const started = Date.now();

  const result = await ask(r.client);

  assert.deepEqual(result.value, goodSkill);
  assert.equal(r.server.requests.length, 2);
  assert.ok(Date.now() - started >= 250, 'the first request was given its full time');
  assert.ok(r.logs.some((l) => /no reply within 250 ms/.test(l)), r.logs.join('\n'));
});

test('a late answer counts as a timeout; the retry gets the fresh one', async (t) => {
  const r = await rig(t, { limits: { timeoutMs: 250 } });
  r.server.enqueue(reply.late(1500, reply.json({ name: 'stale', steps: ['x'] })), reply.json(goodSkill));
  const result = await ask(r.client);
  assert.deepEqual(result.value, goodSkill);
  assert.equal(r.server.requests.length, 2);
});

test('retries exhausted: a typed error naming stage, endpoint, model and reason', async (t) => {
  const r = await rig(t, { limits: { maxRetries: 2 } });
  r.server.enqueue(reply.serverError(500, 'boom'), reply.serverError(500, 'boom'), reply.serverError(500, 'boom'));

  const e = await ask(r.client, { stage: 'route' }).catch((x: unknown) => x);

  assert.ok(e instanceof LlmError, String(e));
  assert.equal(e.kind, 'server');
  assert.equal(e.status, 500);
  assert.equal(e.attempts, 3);
  assert.deepEqual(e.call, { stage: 'route', endpoint: r.server.baseUrl, model: 'test-model' });
  assert.equal(e.message, `LLM call "route" (model test-model at ${r.server.baseUrl}) failed after 3 attempts: HTTP 500 boom`);
  assert.match(e.describe(), /\(the endpoint failed; try again later\)$/);
  assert.equal(r.server.requests.length, 3);
  assert.equal(r.clock.sleeps.length, 2);
});

test('timeouts exhausted become a timeout error', async (t) => {
  const r = await rig(t, { limits: { timeoutMs: 100, maxRetries: 1 } });
  r.server.enqueue(reply.hang(), reply.hang());
  const e = await ask(r.client).catch((x: unknown) => x);
  assert.ok(e instanceof LlmError);
  assert.equal(e.kind, 'timeout');
  assert.match(e.message, /failed after 2 attempts: no reply within 100 ms/);
});

test('auth and bad-request failures are not retried', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.error(401, 'Invalid API key'));
  const auth = await ask(r.client).catch((x: unknown) => x);
  assert.ok(auth instanceof LlmError);
  assert.equal(auth.kind, 'auth');
  assert.match(auth.describe(), /check the API key/);

  r.server.enqueue(reply.error(404, 'The model `test-model` does not exist', 'model_not_found'));
  const missing = await ask(r.client).catch((x: unknown) => x);
  assert.ok(missing instanceof LlmError);
  assert.equal(missing.kind, 'bad-request');
  assert.match(missing.message, /HTTP 404 The model `test-model` does not exist/);
  assert.equal(r.server.requests.length, 2);
  assert.deepEqual(r.clock.sleeps, []);
});

test('a server that rejects response_format is asked again without it, and remembered', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.error(400, "'response_format.type' must be 'json_schema'"), reply.json(goodSkill), reply.json(goodSkill));

  await ask(r.client);
  await ask(r.client);

  const formats = r.server.requests.map((q) => q.body.response_format);
  assert.deepEqual(formats, [{ type: 'json_object' }, undefined, undefined]);
});

test('malformed JSON: one repair attempt that shows the model its output and the error', async (t) => {
  const r = await rig(t);
  const bad = '{"name": "run-tests", "steps": [npm test]}';
  r.server.enqueue(reply.text(bad, { usage: { prompt_tokens: 100, completion_tokens: 10 } }), reply.json(goodSkill, { usage: { prompt_tokens: 130, completion_tokens: 12 } }));

  const result = await ask(r.client);

  assert.deepEqual(result.value, goodSkill);
  assert.equal(result.repaired, true);
  assert.deepEqual(result.usage, { inputTokens: 230, outputTokens: 22 });
  assert.equal(r.server.requests.length, 2);
  const messages = r.server.requests[1]!.body.messages;
  assert.equal(messages.length, 4);
  assert.deepEqual(messages[2], { role: 'assistant', content: bad });
  assert.equal(messages[3].role, 'user');
  assert.match(messages[3].content, /not valid JSON/);
  assert.deepEqual(r.ledger.totals({ stage: 'split' }), { inputTokens: 230, outputTokens: 22, calls: 2 });
});

test('malformed twice: a malformed-output error after exactly one repair', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.text('Sure! Here is the skill.'), reply.text('{"name": "x", "steps": ['));

  const e = await ask(r.client, { stage: 'write' }).catch((x: unknown) => x);

  assert.ok(e instanceof LlmError);
  assert.equal(e.kind, 'malformed-output');
  assert.match(e.message, /^LLM call "write" \(model test-model at http:\/\/127\.0\.0\.1:\d+\/v1\) failed: the reply failed the schema check twice/);
  assert.match(e.message, /not valid JSON/);
  assert.equal(r.server.requests.length, 2);
  assert.equal(r.ledger.totals().calls, 2, 'both replies cost tokens and are in the ledger');
});

test('valid JSON that breaks the schema is repaired; the repair names the field', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.json({ name: 'run-tests', steps: [] }), reply.json(goodSkill));

  const result = await ask(r.client);

  assert.equal(result.repaired, true);
  assert.deepEqual(result.value, goodSkill);
  assert.match(r.server.requests[1]!.body.messages[3].content, /does not match the schema: steps: Too small/);
});

test('a reply cut off at the output limit says so in the repair request', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.text('{"name": "run-tests", "ste', { finishReason: 'length' }), reply.json(goodSkill));
  await ask(r.client);
  assert.match(r.server.requests[1]!.body.messages[3].content, /cut off at the output token limit/);
});

test('a server that reports no usage still lands in the ledger, with an estimate', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.json(goodSkill, { usage: null }));
  const result = await ask(r.client);
  assert.ok(result.usage.inputTokens > 0 && result.usage.outputTokens > 0);
  assert.deepEqual(r.ledger.totals(), { ...result.usage, calls: 1 });
});

test('cancellation: an abort ends a hanging call at once, as a cancelled error, with no retry', async (t) => {
  const r = await rig(t, { limits: { timeoutMs: 60_000 } });
  r.server.enqueue(reply.hang());
  const ac = new AbortController();
  const pending = ask(r.client, { signal: ac.signal }).catch((x: unknown) => x);
  await until(() => r.server.requests.length === 1);
  ac.abort();

  const e = await pending;

  assert.ok(e instanceof LlmError);
  assert.equal(e.kind, 'cancelled');
  assert.equal(e.retryable, false);
  assert.equal(r.server.requests.length, 1);
});

test('an already aborted signal sends nothing', async (t) => {
  const r = await rig(t);
  const e = await ask(r.client, { signal: AbortSignal.abort() }).catch((x: unknown) => x);
  assert.ok(e instanceof LlmError);
  assert.equal(e.kind, 'cancelled');
  assert.equal(r.server.requests.length, 0);
});

test('an unreachable endpoint is a network error naming the endpoint', async (t) => {
  const r = await rig(t, { limits: { maxRetries: 1 } });
  await r.server.close();
  const e = await ask(r.client).catch((x: unknown) => x);
  assert.ok(e instanceof LlmError);
  assert.equal(e.kind, 'network');
  assert.match(e.message, new RegExp(`at ${r.server.baseUrl.replace(/[.]/g, '\\.')}\\) failed after 2 attempts: could not reach the endpoint \\(ECONNREFUSED\\)`));
});

test('an unreadable 200 response is a server error and is retried', async (t) => {
  const r = await rig(t);
  r.server.enqueue(reply.raw(200, '<html>gateway</html>'), reply.json(goodSkill));
  const result = await ask(r.client);
  assert.deepEqual(result.value, goodSkill);
  assert.equal(r.server.requests.length, 2);
});

test('requests per minute apply to real calls', async (t) => {
  const r = await rig(t, { limits: { requestsPerMinute: 60, burst: 1 } });
  r.server.enqueue(reply.json(goodSkill), reply.json(goodSkill), reply.json(goodSkill));
  for (let i = 0; i < 3; i++) await ask(r.client);
  assert.deepEqual(r.clock.sleeps, [1000, 1000]);
});

test('the concurrency cap holds over real HTTP', async (t) => {
  const r = await rig(t, { limits: { maxConcurrent: 2, requestsPerMinute: 0 } });
  r.server.setHandler(() => reply.late(60, reply.json(goodSkill)));
  const results = await Promise.all(Array.from({ length: 6 }, () => ask(r.client)));
  assert.equal(results.length, 6);
  assert.equal(r.server.requests.length, 6);
  assert.equal(r.server.maxInFlight(), 2);
});
