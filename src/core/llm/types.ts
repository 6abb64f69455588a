import type { z } from 'zod';

/** Tokens one call (or a sum of calls) spent, as the provider reported them or, failing that, estimated. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** A request for one JSON value, checked against `schema` before it is returned. */
export interface ChatJsonRequest<T> {
  /** The pipeline stage asking (`split`, `route`, `write`, `judge` …): names the call in errors and the ledger. */
  stage: string;
  system: string;
  user: string;
  schema: z.ZodType<T>;
  /** Upper bound on the reply's length; the configured default when absent. */
  maxOutputTokens?: number;
  /** Aborting it cancels the call, including any wait for a rate limit or a retry. */
  signal?: AbortSignal;
}

export interface ChatJsonResult<T> {
  value: T;
  /** Everything the call spent, the repair attempt included. */
  usage: TokenUsage;
  model: string;
  /** True when the first reply failed the schema and the repair attempt produced `value`. */
  repaired: boolean;
}

export interface EmbedRequest {
  stage: string;
  texts: readonly string[];
  signal?: AbortSignal;
}

export interface EmbedResult {
  /** One vector per text, in the order of `texts`. */
  vectors: number[][];
  usage: TokenUsage;
  model: string;
}

/**
 * What the pipeline talks to. Every provider that can answer goes through the same guard (rate limits,
 * retries, timeout, schema check with one repair, token ledger), so stages never see a raw model.
 */
export interface LlmClient {
  /** `openai:<model>`, `vscode-lm:<model>`, `offline`. */
  readonly id: string;
  /** False for the offline engine: the pipeline takes its deterministic path instead of calling chatJson. */
  readonly canChat: boolean;
  chatJson<T>(req: ChatJsonRequest<T>): Promise<ChatJsonResult<T>>;
  /** Present only when an embedding model is configured. */
  embed?(req: EmbedRequest): Promise<EmbedResult>;
}

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** One attempt of one chat call, as the guard hands it to a transport. */
export interface TransportChatRequest {
  /** For the transport's errors (and, in VS Code, the justification shown to the user). */
  stage: string;
  messages: ChatMessage[];
  maxOutputTokens: number;
  /** Ask for a JSON object through the provider's own switch, where it has one. */
  jsonMode: boolean;
  /** Aborted on timeout or cancellation; the transport must stop when it fires. */
  signal: AbortSignal;
}

export interface TransportChatReply {
  text: string;
  usage: TokenUsage;
  /** Why the model stopped, when the provider says (`stop`, `length`, …). */
  finishReason?: string;
}

/**
 * The provider-specific part: one request, one reply, failures thrown as `LlmError`. No retries, no limits,
 * no validation here; the guard does those. The OpenAI transport speaks HTTP; the VS Code one (in
 * `src/vscode/`) wraps `vscode.lm`: `sendRequest` with the messages (it has no system role, so the system
 * text goes first as a user message), the signal bridged to a CancellationToken, the streamed text
 * collected, tokens counted with `countTokens` since that API reports no usage, and `LanguageModelError`
 * codes mapped to `LlmError` kinds.
 */
export interface ChatTransport {
  readonly provider: string;
  readonly model: string;
  /** Shown in errors: a URL without credentials, or a name such as `vscode.lm`. Never a secret. */
  readonly endpoint: string;
  chat(req: TransportChatRequest): Promise<TransportChatReply>;
}

export interface EmbeddingTransport {
  readonly model: string;
  readonly endpoint: string;
  embed(texts: readonly string[], opts: { stage: string; signal: AbortSignal }): Promise<{ vectors: number[][]; usage: TokenUsage }>;
}

/** Where the LLM layer reports what it is doing (retries, repairs). Lines never carry secrets. */
export interface LlmLogger {
  debug(line: string): void;
  warn(line: string): void;
}

export const silentLogger: LlmLogger = { debug: () => {}, warn: () => {} };
