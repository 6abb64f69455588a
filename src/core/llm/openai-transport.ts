import OpenAI, { BadRequestError, UnprocessableEntityError } from 'openai';
import type { Clock } from './clock';
import { displayEndpoint, LlmError, type LlmCall } from './errors';
import { fromOpenAiError } from './openai-errors';
import { estimateChatTokens, estimateTokens } from './token-estimate';
import type { ChatTransport, EmbeddingTransport, TokenUsage, TransportChatReply, TransportChatRequest } from './types';

export interface OpenAiEndpoint {
  baseUrl: string;
  model: string;
  apiKey?: string;
}

/**
 * The openai package configured to be a plain HTTP client: our guard does retries and timeouts, so its own
 * retries are off; nothing is read from OPENAI_* variables (a key meant for OpenAI must not go to another
 * host); its logging is off so headers are never printed; and with no key, no Authorization header is sent.
 */
export function openAiClient(endpoint: OpenAiEndpoint, timeoutMs: number): OpenAI {
  return new OpenAI({
    baseURL: endpoint.baseUrl,
    apiKey: endpoint.apiKey ?? 'no-key',
    defaultHeaders: endpoint.apiKey ? undefined : { Authorization: null },
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0,
    // our per-request deadline fires first; this only backs it up
    timeout: timeoutMs + 5_000,
    logLevel: 'off',
  });
}

/** What both transports hold: the endpoint as shown in errors, its model, and one configured client. */
abstract class OpenAiEndpointClient {
  readonly model: string;
  readonly endpoint: string;
  protected readonly client: OpenAI;

  constructor(
    protected readonly target: OpenAiEndpoint,
    timeoutMs: number,
    protected readonly clock: Clock,
  ) {
    this.model = target.model;
    this.endpoint = displayEndpoint(target.baseUrl);
    this.client = openAiClient(target, timeoutMs);
  }
}

/** Chat completions against any OpenAI-compatible endpoint, one request per call. */
export class OpenAiChatTransport extends OpenAiEndpointClient implements ChatTransport {
  readonly provider = 'openai';
  // Some compatible servers reject `response_format`; after one does, we ask for JSON in the prompt only.
  private jsonModeRejected = false;

  async chat(req: TransportChatRequest): Promise<TransportChatReply> {
    const useJsonMode = req.jsonMode && !this.jsonModeRejected;
    try {
      return await this.send(req, useJsonMode);
    } catch (e) {
      if (!useJsonMode || req.signal.aborted || !(e instanceof BadRequestError || e instanceof UnprocessableEntityError)) throw this.failure(e, req.stage);
    }
    try {
      const reply = await this.send(req, false);
      this.jsonModeRejected = true;
      return reply;
    } catch (e) {
      throw this.failure(e, req.stage);
    }
  }

  private async send(req: TransportChatRequest, jsonMode: boolean): Promise<TransportChatReply> {
    const completion = await this.client.chat.completions.create(
      {
        model: this.model,
        messages: req.messages,
        max_tokens: req.maxOutputTokens,
        ...(jsonMode ? { response_format: { type: 'json_object' as const } } : {}),
      },
      { signal: req.signal },
    );
    const choice = completion.choices?.[0];
    if (!choice) throw new LlmError('server', this.call(req.stage), 'the response holds no choices');
    const text = choice.message?.content ?? '';
    return { text, usage: chatUsage(completion.usage, req, text), finishReason: choice.finish_reason ?? undefined };
  }

  private failure(e: unknown, stage: string): LlmError {
    return fromOpenAiError(e, this.call(stage), [this.target.apiKey], this.clock.now());
  }

  private call(stage: string): LlmCall {
    return { stage, endpoint: this.endpoint, model: this.model };
  }
}

/** Embeddings against any OpenAI-compatible endpoint, as plain float arrays. */
export class OpenAiEmbeddingTransport extends OpenAiEndpointClient implements EmbeddingTransport {

  async embed(texts: readonly string[], opts: { stage: string; signal: AbortSignal }): Promise<{ vectors: number[][]; usage: TokenUsage }> {
    const call: LlmCall = { stage: opts.stage, endpoint: this.endpoint, model: this.model };
    let res: OpenAI.Embeddings.CreateEmbeddingResponse;
    try {
      // 'float' explicitly: left unset, the package asks for base64, which not every server speaks
      res = await this.client.embeddings.create({ model: this.model, input: [...texts], encoding_format: 'float' }, { signal: opts.signal });
    } catch (e) {
      throw fromOpenAiError(e, call, [this.target.apiKey], this.clock.now());
    }
    const data = Array.isArray(res.data) ? [...res.data].sort((a, b) => a.index - b.index) : [];
    const vectors = data.map((d) => d.embedding);
    const prompt = res.usage?.prompt_tokens;
    const inputTokens = typeof prompt === 'number' ? prompt : texts.reduce((n, t) => n + estimateTokens(t), 0);
    return { vectors, usage: { inputTokens, outputTokens: 0 } };
  }
}

function chatUsage(usage: OpenAI.Completions.CompletionUsage | undefined, req: TransportChatRequest, text: string): TokenUsage {
  // servers that report no usage still cost something: count what we can estimate
  const input = usage?.prompt_tokens;
  const output = usage?.completion_tokens;
  return {
    inputTokens: typeof input === 'number' ? input : estimateChatTokens(req.messages),
    outputTokens: typeof output === 'number' ? output : estimateTokens(text),
  };
}
