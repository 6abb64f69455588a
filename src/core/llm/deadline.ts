/**
 * The signal one attempt runs under: it aborts when the caller cancels or when `timeoutMs` passes,
 * and remembers which, so the failure can be reported as a timeout (retried) or a cancellation (not).
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private expired = false;
  private readonly onCancel = () => this.controller.abort(this.parent?.reason);

  constructor(
    readonly timeoutMs: number,
    private readonly parent?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    if (parent?.aborted) this.onCancel();
    else parent?.addEventListener('abort', this.onCancel, { once: true });
  }

  get timedOut(): boolean {
    return this.expired;
  }

  get cancelled(): boolean {
    return Boolean(this.parent?.aborted) && !this.expired;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onCancel);
  }
}
