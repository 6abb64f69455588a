import type { Clock } from './clock';
import { LlmError } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt; 0 sends each request once. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking for a longer wait than this gets no retry: the error says how long it asked for. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export interface RetryOptions {
  policy: RetryPolicy;
  clock: Clock;
  /** In [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
  signal?: AbortSignal;
  onRetry?: (error: LlmError, delayMs: number, attempt: number) => void;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or runs out of retries. Only
 * `LlmError`s marked retryable are retried; anything else is a bug and surfaces at once.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const random = opts.random ?? Math.random;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (!(e instanceof LlmError)) throw e;
      if (!e.retryable || n > opts.policy.maxRetries) throw e.afterAttempts(n);
      const delay = retryDelay(e, n, opts.policy, random);
      if (delay === undefined) throw waitTooLong(e, n, opts.policy);
      opts.onRetry?.(e, delay, n);
      await opts.clock.sleep(delay, opts.signal);
    }
  }
}

/**
 * The wait before retry number `n` (1-based). A server's Retry-After is honoured, plus a little jitter so
 * parallel callers told the same time do not return in lockstep; otherwise exponential backoff with jitter.
 */
export function retryDelay(error: LlmError, n: number, policy: RetryPolicy, random: () => number): number | undefined {
  if (error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > policy.maxRetryAfterMs) return undefined;
    return error.retryAfterMs + Math.floor(random() * Math.min(error.retryAfterMs * 0.1, 1000));
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

function waitTooLong(e: LlmError, n: number, policy: RetryPolicy): LlmError {
  const asked = Math.ceil((e.retryAfterMs ?? 0) / 1000);
  const reason = `${e.reason}; the server asked to wait ${asked} s, longer than the ${Math.round(policy.maxRetryAfterMs / 1000)} s we wait`;
  return new LlmError(e.kind, e.call, reason, { status: e.status, retryAfterMs: e.retryAfterMs, retryable: false, attempts: n });
}
