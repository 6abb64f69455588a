import { SkillsmithError } from '../errors';

export type LlmErrorKind =
  | 'rate-limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'malformed-output'
  | 'auth'
  | 'bad-request'
  | 'cancelled';

/** Which call failed: enough to find it in the ledger and in the provider's logs. */
export interface LlmCall {
  stage: string;
  /** A URL without credentials or query, or a name such as `vscode.lm`. */
  endpoint: string;
  model: string;
}

export interface LlmErrorDetails {
  status?: number;
  /** How long the provider asked us to wait, when it said. */
  retryAfterMs?: number;
  /** Overrides the kind's default, e.g. a 429 for an exhausted quota is not worth retrying. */
  retryable?: boolean;
  /** How many requests were sent before giving up. */
  attempts?: number;
}

const RETRYABLE: ReadonlySet<LlmErrorKind> = new Set(['rate-limited', 'server', 'timeout', 'network']);

const HINTS: Record<LlmErrorKind, string> = {
  'rate-limited': 'lower the requests or tokens per minute in the LLM settings, or try again later',
  server: 'the endpoint failed; try again later',
  timeout: 'raise the LLM timeout or check that the endpoint is responsive',
  network: 'check the base URL and that the server is reachable',
  'malformed-output': 'the model did not return the JSON asked for; a stronger model may do better',
  auth: 'check the API key (SKILLSMITH_LLM_API_KEY for the CLI, the stored key in VS Code)',
  'bad-request': 'check the model name and the base URL',
  cancelled: 'the call was cancelled',
};

/**
 * A failed LLM call. The message names the call (stage, endpoint, model) and the reason; it never holds a
 * secret because every reason is scrubbed by the transport before it gets here.
 */
export class LlmError extends SkillsmithError {
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly retryable: boolean;
  readonly attempts: number;

  constructor(
    readonly kind: LlmErrorKind,
    readonly call: LlmCall,
    readonly reason: string,
    details: LlmErrorDetails = {},
  ) {
    const attempts = details.attempts ?? 1;
    super(formatMessage(call, reason, attempts), undefined, HINTS[kind]);
    this.name = 'LlmError';
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.retryable = details.retryable ?? RETRYABLE.has(kind);
    this.attempts = attempts;
  }

  /** The same failure, reported after `attempts` requests. */
  afterAttempts(attempts: number): LlmError {
    return new LlmError(this.kind, this.call, this.reason, {
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      retryable: this.retryable,
      attempts,
    });
  }
}

function formatMessage(call: LlmCall, reason: string, attempts: number): string {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  return `LLM call "${call.stage}" (model ${call.model} at ${call.endpoint}) failed${tries}: ${reason}`;
}

/** Replaces every secret in `text`; short strings are skipped so a stray "a" cannot shred a message. */
export function scrubSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

/** A URL fit for messages and logs: no user, password, query or fragment (those can carry keys). */
export function displayEndpoint(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}
