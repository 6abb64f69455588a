/**
 * Runs tasks one at a time, in the order they were queued. A failed task does not stop the ones after it.
 * The library's operations touch one working tree and one index, so they must never interleave.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
