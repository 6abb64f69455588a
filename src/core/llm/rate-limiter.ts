import { abortReason, type Clock } from './clock';
import { Semaphore } from './semaphore';
import { TokenBucket } from './token-bucket';

export interface RateLimits {
  /** 0 means no limit. */
  requestsPerMinute: number;
  /** 0 means no limit. */
  tokensPerMinute: number;
  /** Requests that may start back to back before the per-minute pace applies. */
  burst: number;
  maxConcurrent: number;
}

/** A granted request. Release it exactly once, with the tokens it really used when they are known. */
export interface Permit {
  release(actualTokens?: number): void;
}

/**
 * Gates every request to one endpoint: a concurrency cap, a request bucket (capacity `burst`), a token
 * bucket (capacity one minute of tokens, as providers count them) and a hold set after a 429. Token costs
 * are reserved from an estimate up front and settled with the real count afterwards.
 */
export class RateLimiter {
  private readonly slots: Semaphore;
  // one waiter at a time computes and sleeps on the buckets, so they are served in arrival order
  private readonly gate = new Semaphore(1);
  private readonly requests?: TokenBucket;
  private readonly tokens?: TokenBucket;
  private heldUntil = 0;
  // aborted (and replaced) whenever tokens come back, so a waiter sleeping on the old level re-checks
  private refunded = new AbortController();

  constructor(
    limits: RateLimits,
    private readonly clock: Clock,
  ) {
    const now = clock.now();
    this.slots = new Semaphore(limits.maxConcurrent);
    if (limits.requestsPerMinute > 0) this.requests = new TokenBucket(limits.burst, limits.requestsPerMinute, now);
    if (limits.tokensPerMinute > 0) this.tokens = new TokenBucket(limits.tokensPerMinute, limits.tokensPerMinute, now);
  }

  get inFlight(): number {
    return this.slots.inUse;
  }

  /** No request starts before `until` (ms since the epoch): the provider said to wait. */
  holdUntil(until: number): void {
    this.heldUntil = Math.max(this.heldUntil, until);
  }

  async acquire(estimatedTokens: number, signal?: AbortSignal): Promise<Permit> {
    await this.slots.acquire(signal);
    try {
      await this.gate.acquire(signal);
      try {
        await this.waitForBudget(estimatedTokens, signal);
      } finally {
        this.gate.release();
      }
    } catch (e) {
      this.slots.release();
      throw e;
    }
    return this.permit(estimatedTokens);
  }

  private async waitForBudget(cost: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const wait = Math.max(this.heldUntil - now, this.requests?.waitFor(1, now) ?? 0, this.tokens?.waitFor(cost, now) ?? 0);
      if (wait <= 0) {
        this.requests?.take(1, now);
        this.tokens?.take(cost, now);
        return;
      }
      const wake = eitherSignal(signal, this.refunded.signal);
      try {
        await this.clock.sleep(wait, wake.signal);
      } catch (e) {
        if (signal?.aborted) throw abortReason(signal);
        if (!wake.signal.aborted) throw e; // not a wake-up: a failing clock
      } finally {
        wake.dispose();
      }
    }
  }

  private permit(reserved: number): Permit {
    let released = false;
    return {
      release: (actualTokens) => {
        if (released) return;
        released = true;
        // unknown usage keeps the reservation: the provider may well have counted the request
        if (actualTokens !== undefined && this.tokens) {
          this.tokens.adjust(reserved - actualTokens, this.clock.now());
          if (actualTokens < reserved) this.wakeWaiters();
        }
        this.slots.release();
      },
    };
  }

  private wakeWaiters(): void {
    this.refunded.abort();
    this.refunded = new AbortController();
  }
}

/** A signal that fires when either does; dispose it to drop the listeners from long-lived signals. */
function eitherSignal(a: AbortSignal | undefined, b: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const fire = () => controller.abort();
  if (a?.aborted || b.aborted) fire();
  a?.addEventListener('abort', fire, { once: true });
  b.addEventListener('abort', fire, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      a?.removeEventListener('abort', fire);
      b.removeEventListener('abort', fire);
    },
  };
}
