import { redactText } from '../redact';
import { systemClock, type Clock } from './clock';
import type { LlmLimits } from './config';
import { Deadline } from './deadline';
import { LlmError, type LlmCall } from './errors';
import { checkJsonReply, jsonInstruction, repairInstruction } from './json-output';
import type { TokenLedger } from './ledger';
import { RateLimiter, type Permit } from './rate-limiter';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from './retry';
import { estimateChatTokens, estimateTokens } from './token-estimate';
import { checkVectors } from './vectors';
import {
  silentLogger,
  type ChatJsonRequest,
  type ChatJsonResult,
  type ChatMessage,
  type ChatTransport,
  type EmbeddingTransport,
  type EmbedRequest,
  type EmbedResult,
  type LlmClient,
  type LlmLogger,
  type TokenUsage,
  type TransportChatReply,
} from './types';

export interface GuardOptions {
  limits: LlmLimits;
  maxOutputTokens: number;
  ledger: TokenLedger;
  clock?: Clock;
  /** In [0, 1), for retry jitter. */
  random?: () => number;
  logger?: LlmLogger;
  /** Backoff shape; the number of retries comes from `limits.maxRetries`. */
  backoff?: Partial<Omit<RetryPolicy, 'maxRetries'>>;
  /** Texts per embeddings request. */
  embedBatchSize?: number;
}

const DEFAULT_EMBED_BATCH = 64;

interface Sent<R> {
  result: R;
  usage: TokenUsage;
}
const EXCERPT = 160;

/**
 * An `LlmClient` over any transport: every request waits for the rate limiter, runs under a deadline, is
 * retried on transient failures, and lands in the token ledger; chat replies are checked against the
 * schema with one repair attempt.
 */
export class GuardedLlmClient implements LlmClient {
  readonly id: string;
  readonly canChat = true;
  readonly embed?: (req: EmbedRequest) => Promise<EmbedResult>;
  private readonly clock: Clock;
  private readonly logger: LlmLogger;
  private readonly policy: RetryPolicy;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly chat: ChatTransport,
    private readonly opts: GuardOptions,
    embeddings?: EmbeddingTransport,
  ) {
    this.id = `${chat.provider}:${chat.model}`;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...opts.backoff, maxRetries: opts.limits.maxRetries };
    this.limiter = new RateLimiter(opts.limits, this.clock);
    if (embeddings) {
      // one endpoint, one budget: share the limiter when embeddings go where the chat goes
      const limiter = embeddings.endpoint === chat.endpoint ? this.limiter : new RateLimiter(opts.limits, this.clock);
      this.embed = (req) => this.embedAll(embeddings, limiter, req);
    }
  }

  async chatJson<T>(req: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
    const call = this.callOf(req.stage, this.chat);
    const maxOutputTokens = req.maxOutputTokens ?? this.opts.maxOutputTokens;
    const messages: ChatMessage[] = [
      { role: 'system', content: `${req.system}\n\n${jsonInstruction(req.schema)}` },
      { role: 'user', content: req.user },
    ];
    const first = await this.chatOnce(call, messages, maxOutputTokens, req.signal);
    const checked = checkJsonReply(first.text, req.schema, first.finishReason);
    if (checked.ok) return { value: checked.value, usage: first.usage, model: this.chat.model, repaired: false };
    // Far more than was asked for is no answer to repair: sending it back would make a request larger
    // than any budget, which the limiter would wait on for ever.
    const replyTokens = estimateTokens(first.text);
    if (replyTokens > 2 * maxOutputTokens) {
      throw new LlmError('malformed-output', call, `the reply is about ${replyTokens} tokens, over twice the ${maxOutputTokens} asked for; not sent back for repair`, { retryable: false });
    }

    this.logger.warn(`LLM "${req.stage}": reply unusable (${checked.problem}); asking the model to repair it once`);
    const retry: ChatMessage[] = [...messages, { role: 'assistant', content: first.text }, { role: 'user', content: repairInstruction(checked.problem) }];
    const second = await this.chatOnce(call, retry, maxOutputTokens, req.signal);
    const usage = addUsage(first.usage, second.usage);
    const rechecked = checkJsonReply(second.text, req.schema, second.finishReason);
    if (rechecked.ok) return { value: rechecked.value, usage, model: this.chat.model, repaired: true };
    throw new LlmError('malformed-output', call, `the reply failed the schema check twice (after one repair attempt): ${rechecked.problem}; it began ${excerpt(second.text)}`, {
      retryable: false,
    });
  }

  private chatOnce(call: LlmCall, unchecked: ChatMessage[], maxOutputTokens: number, signal?: AbortSignal): Promise<TransportChatReply> {
    const messages = outgoing(unchecked);
    const estimate = estimateChatTokens(messages) + maxOutputTokens;
    const sent = this.guarded(call, this.limiter, estimate, signal, async (attemptSignal) => {
      const reply = await this.chat.chat({ stage: call.stage, messages, maxOutputTokens, jsonMode: true, signal: attemptSignal });
      return { result: reply, usage: reply.usage };
    });
    return sent.then((s) => s.result);
  }

  private async embedAll(transport: EmbeddingTransport, limiter: RateLimiter, req: EmbedRequest): Promise<EmbedResult> {
    const call = this.callOf(req.stage, transport);
    const size = this.opts.embedBatchSize ?? DEFAULT_EMBED_BATCH;
    const vectors: number[][] = [];
    let usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    for (let i = 0; i < req.texts.length; i += size) {
      const batch = req.texts.slice(i, i + size).map(redactText);
      const estimate = batch.reduce((n, t) => n + estimateTokens(t), 0);
      const got = await this.guarded(call, limiter, estimate, req.signal, async (attemptSignal) => {
        const res = await transport.embed(batch, { stage: req.stage, signal: attemptSignal });
        return { result: res.vectors, usage: res.usage };
      });
      checkVectors(got.result, batch.length, vectors[0]?.length, call);
      vectors.push(...got.result);
      usage = addUsage(usage, got.usage);
    }
    return { vectors, usage, model: transport.model };
  }

  /** One request with everything around it: limiter, deadline, retries, ledger. */
  private async guarded<R>(
    call: LlmCall,
    limiter: RateLimiter,
    estimate: number,
    signal: AbortSignal | undefined,
    send: (signal: AbortSignal) => Promise<Sent<R>>,
  ): Promise<Sent<R>> {
    try {
      return await withRetries(
        async () => {
          const permit = await limiter.acquire(estimate, signal);
          return this.attempt(call, permit, signal, send);
        },
        {
          policy: this.policy,
          clock: this.clock,
          random: this.opts.random,
          signal,
          onRetry: (e, delayMs, n) => {
            if (e.retryAfterMs !== undefined) limiter.holdUntil(this.clock.now() + e.retryAfterMs);
            this.logger.warn(`LLM "${call.stage}" (${call.model}): ${e.reason}; retry ${n} of ${this.policy.maxRetries} in ${(delayMs / 1000).toFixed(1)} s`);
          },
        },
      );
    } catch (e) {
      if (signal?.aborted) throw new LlmError('cancelled', call, 'cancelled by the caller', { retryable: false });
      throw e;
    }
  }

  private async attempt<R>(
    call: LlmCall,
    permit: Permit,
    signal: AbortSignal | undefined,
    send: (signal: AbortSignal) => Promise<Sent<R>>,
  ): Promise<Sent<R>> {
    const deadline = new Deadline(this.opts.limits.timeoutMs, signal);
    let spent: number | undefined;
    try {
      const sent = await send(deadline.signal);
      spent = sent.usage.inputTokens + sent.usage.outputTokens;
      this.record(call, sent.usage);
      return sent;
    } catch (e) {
      if (deadline.cancelled) throw new LlmError('cancelled', call, 'cancelled by the caller', { retryable: false });
      if (deadline.timedOut) throw new LlmError('timeout', call, `no reply within ${this.opts.limits.timeoutMs} ms`);
      throw e;
    } finally {
      deadline.dispose();
      permit.release(spent);
    }
  }

  // A ledger that cannot write must not turn a paid, successful call into a failure (and a retry).
  private record(call: LlmCall, usage: TokenUsage): void {
    this.logger.debug(`LLM "${call.stage}" (${call.model}): ${usage.inputTokens} tokens in, ${usage.outputTokens} out`);
    try {
      this.opts.ledger.record({ stage: call.stage, model: call.model, ...usage, at: new Date(this.clock.now()) });
    } catch (e) {
      this.logger.warn(`LLM "${call.stage}": could not record ${usage.inputTokens + usage.outputTokens} tokens in the ledger: ${(e as Error).message}`);
    }
  }

  private callOf(stage: string, transport: { endpoint: string; model: string }): LlmCall {
    return { stage, endpoint: transport.endpoint, model: transport.model };
  }
}

/**
 * The messages as they may leave the machine. Callers redact what they put in, but a request is the last
 * place a secret can be stopped (a reply echoed back for repair, a caller that forgot): checked again here.
 */
function outgoing(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((m) => ({ ...m, content: redactText(m.content) }));
}

function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}

function excerpt(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > EXCERPT ? `${one.slice(0, EXCERPT)}…` : one);
}
