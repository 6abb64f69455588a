import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LlmError, scrubSecrets, type LlmCall } from './errors';
import { parseRetryAfter } from './retry-after';

const MAX_REASON = 300;

/**
 * Turns whatever the openai package threw into an `LlmError` of the right kind, with the server's own
 * words (scrubbed of the keys, shortened) as the reason and its Retry-After as a number.
 */
export function fromOpenAiError(e: unknown, call: LlmCall, secrets: ReadonlyArray<string | undefined>, now: number): LlmError {
  if (e instanceof LlmError) return e;
  const say = (text: string) => shorten(scrubSecrets(text, secrets));
  if (e instanceof APIUserAbortError) return new LlmError('cancelled', call, 'the request was aborted');
  if (e instanceof APIConnectionTimeoutError) return new LlmError('timeout', call, 'the connection timed out');
  if (e instanceof APIConnectionError) return new LlmError('network', call, say(`could not reach the endpoint (${connectionCause(e)})`));
  if (e instanceof APIError && typeof e.status === 'number') return fromStatus(e, call, say, now);
  // The request went out and something came back that the package could not read.
  return new LlmError('server', call, say(`unreadable response (${e instanceof Error ? e.message : String(e)})`));
}

function fromStatus(e: APIError, call: LlmCall, say: (t: string) => string, now: number): LlmError {
  const status = e.status as number;
  const reason = say(`HTTP ${e.message}`);
  const retryAfterMs = parseRetryAfter(e.headers, now);
  if (status === 429) {
    // OpenAI answers 429 for an empty balance too; waiting does not refill it.
    const quota = e.code === 'insufficient_quota';
    return new LlmError('rate-limited', call, quota ? `${reason} (quota exhausted)` : reason, { status, retryAfterMs, retryable: !quota });
  }
  if (status === 401 || status === 403) return new LlmError('auth', call, reason, { status });
  if (status === 408) return new LlmError('timeout', call, reason, { status, retryAfterMs });
  if (status === 409 || status >= 500) return new LlmError('server', call, reason, { status, retryAfterMs });
  return new LlmError('bad-request', call, reason, { status });
}

function connectionCause(e: APIConnectionError): string {
  const cause = (e as { cause?: unknown }).cause as { code?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  return cause?.cause?.code ?? cause?.code ?? cause?.cause?.message ?? cause?.message ?? e.message;
}

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > MAX_REASON ? `${one.slice(0, MAX_REASON - 1)}…` : one;
}
