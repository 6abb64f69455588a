import { abortReason } from './clock';

interface Waiter {
  grant(): void;
}

/** At most `permits` holders at a time; waiters are served first come, first served, and may give up. */
export class Semaphore {
  private free: number;
  private readonly queue: Waiter[] = [];

  constructor(readonly permits: number) {
    if (!Number.isInteger(permits) || permits < 1) throw new RangeError(`semaphore needs at least one permit (got ${permits})`);
    this.free = permits;
  }

  get inUse(): number {
    return this.permits - this.free;
  }

  get waiting(): number {
    return this.queue.length;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.free > 0 && this.queue.length === 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(abortReason(signal!));
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.queue.shift();
    // the permit passes straight to the next waiter, so a newcomer cannot jump the queue
    if (next) next.grant();
    else if (this.free < this.permits) this.free++;
  }
}
