import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LlmError, type LlmCall } from '../../../src/core/llm/errors';
import { parseRetryAfter } from '../../../src/core/llm/retry-after';
import { DEFAULT_RETRY_POLICY, retryDelay, withRetries } from '../../../src/core/llm/retry';
import { InstantClock } from '../../support/clocks';

const call: LlmCall = { stage: 'split', endpoint: 'http://127.0.0.1:1/v1', model: 'm' };
const headers = (h: Record<string, string>) => new Headers(h);

test('Retry-After: seconds, an HTTP date, retry-after-ms first, nonsense ignored', () => {
  const now = Date.UTC(2025, 0, 1, 12);
  assert.equal(parseRetryAfter(headers({ 'retry-after': '7' }), now), 7000);
  assert.equal(parseRetryAfter(headers({ 'retry-after': '0.5' }), now), 500);
  assert.equal(parseRetryAfter(headers({ 'retry-after': new Date(now + 4000).toUTCString() }), now), 4000);
  assert.equal(parseRetryAfter(headers({ 'retry-after': new Date(now - 4000).toUTCString() }), now), 0, 'a date in the past means now');
  assert.equal(parseRetryAfter(headers({ 'retry-after': '7', 'retry-after-ms': '250.4' }), now), 251);
  assert.equal(parseRetryAfter(headers({ 'retry-after': 'soon' }), now), undefined);
  assert.equal(parseRetryAfter(headers({ 'retry-after': '-3' }), now), undefined);
  assert.equal(parseRetryAfter(headers({}), now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

test('backoff doubles per retry, with jitter in the upper half, and stops growing at the cap', () => {
  const e = new LlmError('server', call, 'HTTP 500');
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 4000 };
  assert.equal(retryDelay(e, 1, policy, () => 0), 500);
  assert.equal(retryDelay(e, 1, policy, () => 0.999999), 999);
  assert.equal(retryDelay(e, 2, policy, () => 0), 1000);
  assert.equal(retryDelay(e, 3, policy, () => 0), 2000);
  assert.equal(retryDelay(e, 9, policy, () => 0), 2000);
  assert.equal(retryDelay(e, 9, policy, () => 0.999999), 3999);
});

test('a Retry-After is honoured, plus at most 10% (and at most 1 s) of jitter', () => {
  const policy = DEFAULT_RETRY_POLICY;
  const asked = (ms: number) => new LlmError('rate-limited', call, 'HTTP 429', { retryAfterMs: ms });
  assert.equal(retryDelay(asked(2000), 1, policy, () => 0), 2000);
  assert.equal(retryDelay(asked(2000), 1, policy, () => 0.999), 2199);
  assert.equal(retryDelay(asked(60_000), 1, policy, () => 0.999), 60_999);
  assert.equal(retryDelay(asked(policy.maxRetryAfterMs + 1), 1, policy, () => 0), undefined);
});

test('withRetries: retries what is retryable, counts attempts, and rethrows bugs untouched', async () => {
  const clock = new InstantClock();
  const opts = { policy: { ...DEFAULT_RETRY_POLICY, maxRetries: 3 }, clock, random: () => 0 };
  let n = 0;
  const value = await withRetries(async () => {
    if (++n < 3) throw new LlmError('timeout', call, 'no reply');
    return 'ok';
  }, opts);
  assert.equal(value, 'ok');
  assert.deepEqual(clock.sleeps, [500, 1000]);

  const auth = await withRetries(async () => {
    throw new LlmError('auth', call, 'HTTP 401');
  }, opts).catch((e: unknown) => e);
  assert.ok(auth instanceof LlmError && auth.attempts === 1);

  const bug = new TypeError('oops');
  const thrown = await withRetries(async () => {
    throw bug;
  }, opts).catch((e: unknown) => e);
  assert.equal(thrown, bug);

  const exhausted = await withRetries(async () => {
    throw new LlmError('server', call, 'HTTP 502');
  }, opts).catch((e: unknown) => e);
  assert.ok(exhausted instanceof LlmError);
  assert.equal(exhausted.attempts, 4);
  assert.match(exhausted.message, /failed after 4 attempts: HTTP 502$/);
});
