import type { Clock } from '../../src/core/llm/clock';

interface Timer {
  at: number;
  resolve(): void;
}

/** Lets every pending promise callback run (they all do before the next macrotask). */
export function settle(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

/**
 * Time that moves only when the test says: sleepers wake, in order, as `advance` passes their time.
 * For tests of concurrent waiters (the rate limiter), where each wait must be seen to end at the right moment.
 */
export class ManualClock implements Clock {
  private t: number;
  private timers: Timer[] = [];

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  get sleepers(): number {
    return this.timers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal!.reason);
      };
      this.timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.resolve();
    }
    this.t = target;
    await settle();
  }
}

/**
 * Time that jumps: each sleep is recorded and returns at once, moving the clock forward by its length.
 * For sequential code over real HTTP (retries), where the test checks the waits asked for, not waits felt.
 */
export class InstantClock implements Clock {
  readonly sleeps: number[] = [];
  private t: number;

  constructor(start = Date.UTC(2025, 0, 1, 12)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.t += Math.max(0, ms);
  }
}
