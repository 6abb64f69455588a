import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter, type Permit, type RateLimits } from '../../../src/core/llm/rate-limiter';
import { Semaphore } from '../../../src/core/llm/semaphore';
import { TokenBucket } from '../../../src/core/llm/token-bucket';
import { ManualClock, settle } from '../../support/clocks';

const OPEN: RateLimits = { requestsPerMinute: 0, tokensPerMinute: 0, burst: 1, maxConcurrent: 100 };

/** Starts an acquire and reports, at any moment, whether it was granted. */
function track(p: Promise<Permit>) {
  const state: { granted: boolean; permit?: Permit; error?: unknown } = { granted: false };
  p.then(
    (permit) => Object.assign(state, { granted: true, permit }),
    (error) => Object.assign(state, { error }),
  );
  return state;
}

test('token bucket: refills at its rate up to capacity, and big costs wait for a full bucket', () => {
  const b = new TokenBucket(2, 60, 0); // one a second
  assert.equal(b.waitFor(1, 0), 0);
  b.take(1, 0);
  b.take(1, 0);
  assert.equal(b.waitFor(1, 0), 1000);
  assert.equal(b.waitFor(1, 400), 600);
  assert.equal(b.waitFor(2, 1000), 1000);
  assert.equal(b.available(60_000), 2, 'never above capacity');
  assert.equal(b.waitFor(5, 60_000), 0, 'a cost above capacity goes once the bucket is full');
  b.take(5, 60_000);
  assert.equal(b.available(60_000), -3);
  assert.equal(b.waitFor(1, 60_000), 4000, 'the debt delays the next one');
  b.adjust(10, 60_000);
  assert.equal(b.available(60_000), 2, 'refunds stop at capacity');
  assert.throws(() => new TokenBucket(0, 60, 0), RangeError);
});

test('semaphore: first come, first served; an aborted waiter leaves the queue', async () => {
  const s = new Semaphore(1);
  const order: string[] = [];
  await s.acquire();
  const ac = new AbortController();
  const a = s.acquire().then(() => order.push('a'));
  const b = s.acquire(ac.signal).then(
    () => order.push('b'),
    () => order.push('b aborted'),
  );
  const c = s.acquire().then(() => order.push('c'));
  assert.equal(s.waiting, 3);
  ac.abort();
  await settle();
  assert.equal(s.waiting, 2);
  s.release();
  await a;
  s.release();
  await Promise.all([b, c]);
  assert.deepEqual(order, ['b aborted', 'a', 'c']);
  assert.equal(s.inUse, 1);
  s.release();
  assert.equal(s.inUse, 0);
});

test('requests per minute with a burst: the burst goes at once, the rest at the steady pace', async () => {
  const clock = new ManualClock();
  const limiter = new RateLimiter({ ...OPEN, requestsPerMinute: 60, burst: 3 }, clock);
  const calls = Array.from({ length: 5 }, () => track(limiter.acquire(0)));
  await settle();
  assert.deepEqual(calls.map((c) => c.granted), [true, true, true, false, false]);
  await clock.advance(999);
  assert.equal(calls[3]!.granted, false);
  await clock.advance(1);
  assert.deepEqual(calls.map((c) => c.granted), [true, true, true, true, false]);
  await clock.advance(1000);
  assert.equal(calls[4]!.granted, true);
});

test('requests are granted in arrival order while they wait on the pace', async () => {
  const clock = new ManualClock();
  const limiter = new RateLimiter({ ...OPEN, requestsPerMinute: 120, burst: 1 }, clock);
  const order: number[] = [];
  const all = Array.from({ length: 4 }, (_, i) => limiter.acquire(0).then(() => order.push(i)));
  await clock.advance(1500);
  await Promise.all(all);
  assert.deepEqual(order, [0, 1, 2, 3]);
});

test('tokens per minute: an estimate is reserved, and settled with the real count', async () => {
  const clock = new ManualClock();
  const limiter = new RateLimiter({ ...OPEN, tokensPerMinute: 600 }, clock); // ten tokens a second
  const first = track(limiter.acquire(600));
  await settle();
  assert.equal(first.granted, true);
  const waiting = track(limiter.acquire(300));
  await clock.advance(10_000);
  assert.equal(waiting.granted, false, 'the whole minute is reserved: 30 s to go');
  first.permit!.release(100); // the call used 100, not 600: 500 come back, and the waiter is woken
  await settle();
  assert.equal(waiting.granted, true);
  const second = track(limiter.acquire(300));
  await settle();
  assert.equal(second.granted, true, 'the rest of the refund is spendable at once');
  second.permit!.release(); // usage unknown: the reservation stands
  const third = track(limiter.acquire(10));
  await clock.advance(999);
  assert.equal(third.granted, false);
  await clock.advance(1);
  assert.equal(third.granted, true);
});

test('one request bigger than a minute of tokens still runs, and the debt slows the next', async () => {
  const clock = new ManualClock();
  const limiter = new RateLimiter({ ...OPEN, tokensPerMinute: 600 }, clock);
  const big = track(limiter.acquire(1000));
  await settle();
  assert.equal(big.granted, true);
  const next = track(limiter.acquire(10));
  await clock.advance(40_999); // 400 tokens of debt plus 10 at ten a second
  assert.equal(next.granted, false);
  await clock.advance(1);
  assert.equal(next.granted, true);
});

test('the concurrency cap: a slot frees, the next waiter runs', async () => {
  const clock = new ManualClock();
  const limiter = new RateLimiter({ ...OPEN, maxConcurrent: 2 }, clock);
  const calls = Array.from({ length: 3 }, () => track(limiter.acquire(0)));
  await settle();
  assert.deepEqual(calls.map((c) => c.granted), [true, true, false]);
  assert.equal(limiter.inFlight, 2);
  calls[0]!.permit!.release();
  calls[0]!.permit!.release(); // a second release is ignored
  await settle();
  assert.equal(calls[2]!.granted, true);
  assert.equal(limiter.inFlight, 2);
});

test('after a 429 the limiter holds everyone until the server said', async () => {
  const clock = new ManualClock();
  const limiter = new RateLimiter({ ...OPEN, requestsPerMinute: 600, burst: 10 }, clock);
  limiter.holdUntil(clock.now() + 5000);
  const a = track(limiter.acquire(0));
  await clock.advance(4999);
  assert.equal(a.granted, false);
  await clock.advance(1);
  assert.equal(a.granted, true);
});

test('a cancelled wait gives its slot back and lets the next request through', async () => {
  const clock = new ManualClock();
  const limiter = new RateLimiter({ ...OPEN, requestsPerMinute: 60, burst: 1, maxConcurrent: 1 }, clock);
  const first = track(limiter.acquire(0));
  await settle();
  first.permit!.release();
  const ac = new AbortController();
  const waiting = track(limiter.acquire(0, ac.signal));
  await clock.advance(500);
  ac.abort(new Error('stop'));
  await settle();
  assert.equal(waiting.granted, false);
  assert.equal((waiting.error as Error).message, 'stop');
  assert.equal(limiter.inFlight, 0);
  assert.equal(clock.sleepers, 0);
  const next = track(limiter.acquire(0));
  await clock.advance(500);
  assert.equal(next.granted, true, 'the aborted request took no budget');
});
