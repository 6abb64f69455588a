/**
 * Chat calls a worker cannot make itself: the VS Code Language Model API lives only in the extension host,
 * so a distill job that uses it sends each call to its host and waits for the reply. The guard (limits,
 * retries, schema check, ledger) stays in the worker; only the one request crosses the thread boundary.
 */
import { LlmError, type LlmErrorKind } from '../core/llm/errors';
import type { ChatTransport, TransportChatReply, TransportChatRequest } from '../core/llm/types';

/** One call, as it crosses to the host: the request without its AbortSignal. */
export type RemoteChatRequest = Omit<TransportChatRequest, 'signal'>;

/** A failed call, as it crosses back: enough to rebuild the LlmError the guard acts on. */
export interface RemoteChatError {
  kind: LlmErrorKind;
  reason: string;
  retryable?: boolean;
}

/** What the host does with a call: the VS Code transport's `chat`, with the call's own signal. */
export type ChatHandler = (request: RemoteChatRequest, signal: AbortSignal) => Promise<TransportChatReply>;

export const LLM_ERROR_KINDS: ReadonlySet<string> = new Set<LlmErrorKind>(['rate-limited', 'server', 'timeout', 'network', 'malformed-output', 'auth', 'bad-request', 'cancelled']);

/** The worker's side: a ChatTransport whose every call is answered by the host. */
export class RemoteChatTransport implements ChatTransport {
  readonly provider = 'vscode-lm';
  readonly endpoint = 'vscode.lm';
  private nextCall = 0;
  private readonly pending = new Map<number, { resolve: (r: TransportChatReply) => void; reject: (e: LlmError) => void; stage: string }>();

  constructor(
    readonly model: string,
    private readonly send: (m: { type: 'chat'; call: number; request: RemoteChatRequest } | { type: 'chatCancel'; call: number }) => void,
  ) {}

  chat(req: TransportChatRequest): Promise<TransportChatReply> {
    const call = ++this.nextCall;
    const { signal, ...request } = req;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(this.error('cancelled', req.stage, 'the call was cancelled before it started'));
      const onAbort = () => this.send({ type: 'chatCancel', call });
      signal.addEventListener('abort', onAbort, { once: true });
      const done = () => signal.removeEventListener('abort', onAbort);
      this.pending.set(call, { resolve: (r) => (done(), resolve(r)), reject: (e) => (done(), reject(e)), stage: req.stage });
      this.send({ type: 'chat', call, request });
    });
  }

  /** The host's answer to call `call`. */
  settle(call: number, answer: { reply?: TransportChatReply; error?: RemoteChatError }): void {
    const p = this.pending.get(call);
    if (!p) return;
    this.pending.delete(call);
    if (answer.reply) p.resolve(answer.reply);
    else p.reject(this.error(answer.error?.kind ?? 'server', p.stage, answer.error?.reason ?? 'the host sent no reply', answer.error?.retryable));
  }

  /** Every call still waiting fails (the worker is stopping). */
  failAll(reason: string): void {
    for (const call of [...this.pending.keys()]) this.settle(call, { error: { kind: 'cancelled', reason } });
  }

  private error(kind: LlmErrorKind, stage: string, reason: string, retryable?: boolean): LlmError {
    return new LlmError(kind, { stage, endpoint: this.endpoint, model: this.model }, reason, retryable === undefined ? {} : { retryable });
  }
}

/** The host's side of one call's failure, as it crosses back. */
export function toRemoteError(e: unknown): RemoteChatError {
  if (e instanceof LlmError) return { kind: e.kind, reason: e.reason, retryable: e.retryable };
  return { kind: 'server', reason: e instanceof Error ? e.message : String(e) };
}
