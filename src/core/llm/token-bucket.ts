/**
 * A bucket that refills continuously at `perMinute` up to `capacity`. Taking more than is there is allowed
 * (the level goes negative) so one request larger than the bucket still runs once the bucket is full,
 * instead of waiting forever; the debt then delays whoever comes next.
 */
export class TokenBucket {
  private level: number;
  private updatedAt: number;
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    perMinute: number,
    now: number,
  ) {
    if (!(capacity > 0) || !(perMinute > 0)) throw new RangeError(`token bucket needs a positive capacity and rate (got ${capacity}, ${perMinute}/min)`);
    this.level = capacity;
    this.updatedAt = now;
    this.perMs = perMinute / 60_000;
  }

  /** Milliseconds until `cost` can be taken (0 when it can be now). Costs above capacity wait for a full bucket. */
  waitFor(cost: number, now: number): number {
    this.refill(now);
    const needed = Math.min(cost, this.capacity);
    if (this.level >= needed) return 0;
    return Math.ceil((needed - this.level) / this.perMs);
  }

  take(cost: number, now: number): void {
    this.refill(now);
    this.level -= cost;
  }

  /** Gives back (positive) or charges more (negative) once the real cost of a request is known. */
  adjust(delta: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.capacity, this.level + delta);
  }

  available(now: number): number {
    this.refill(now);
    return this.level;
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.level = Math.min(this.capacity, this.level + (now - this.updatedAt) * this.perMs);
      this.updatedAt = now;
    }
  }
}
