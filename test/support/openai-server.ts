import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted OpenAI-compatible server on 127.0.0.1 (random port) for tests that drive the real `openai`
 * client over real HTTP. It speaks chat completions and embeddings (JSON, non-streaming), answers from a
 * queue of scripted replies or a handler, can fail in the ways real endpoints fail, and records every
 * request it got.
 */

export interface RecordedRequest {
  method: string;
  /** Path without the `/v1` prefix: `/chat/completions`, `/embeddings`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, undefined when it was not JSON. */
  body: any;
  receivedAt: number;
}

export type Endpoint = 'chat' | 'embeddings';

interface Timing {
  /** Answer only after this long (the client may have given up by then). */
  delayMs?: number;
  /** Only requests to this endpoint take the reply; by default error-like replies fit either. */
  for?: Endpoint;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

export type ScriptedReply =
  | (Timing & { type: 'chat'; content: string | null; finishReason?: string; usage?: Usage | null })
  | (Timing & { type: 'embeddings'; vectors?: number[][]; promptTokens?: number | null })
  | (Timing & { type: 'error'; status: number; message: string; code?: string; headers?: Record<string, string> })
  | (Timing & { type: 'raw'; status: number; body: string; headers?: Record<string, string> })
  | { type: 'hang'; for?: Endpoint };

/** Replies to queue. */
export const reply = {
  /** A chat reply whose content is `text` exactly (so it can be malformed on purpose). */
  text: (content: string | null, opts: { usage?: Usage | null; finishReason?: string } = {}): ScriptedReply => ({ type: 'chat', content, ...opts }),
  /** A chat reply whose content is `value` as JSON. */
  json: (value: unknown, opts: { usage?: Usage | null } = {}): ScriptedReply => ({ type: 'chat', content: JSON.stringify(value), ...opts }),
  embeddings: (vectors?: number[][], promptTokens?: number | null): ScriptedReply => ({ type: 'embeddings', vectors, promptTokens }),
  /** 429. `retryAfter` is the Retry-After header as sent (seconds or an HTTP date). */
  rateLimited: (opts: { retryAfter?: string; retryAfterMs?: string; code?: string; message?: string } = {}): ScriptedReply => ({
    type: 'error',
    status: 429,
    message: opts.message ?? 'Rate limit reached for requests',
    code: opts.code ?? 'rate_limit_exceeded',
    headers: {
      ...(opts.retryAfter !== undefined ? { 'retry-after': opts.retryAfter } : {}),
      ...(opts.retryAfterMs !== undefined ? { 'retry-after-ms': opts.retryAfterMs } : {}),
    },
  }),
  serverError: (status = 500, message = 'The server had an error while processing your request'): ScriptedReply => ({ type: 'error', status, message }),
  error: (status: number, message: string, code?: string): ScriptedReply => ({ type: 'error', status, message, code }),
  raw: (status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): ScriptedReply => ({ type: 'raw', status, body, headers }),
  /** Never answers; the connection stays open until the client gives up or the server closes. */
  hang: (forEndpoint?: Endpoint): ScriptedReply => ({ type: 'hang', for: forEndpoint }),
  late: (delayMs: number, r: ScriptedReply): ScriptedReply => ({ ...r, delayMs }) as ScriptedReply,
};

export type Handler = (req: RecordedRequest, endpoint: Endpoint) => ScriptedReply | undefined;

export interface ScriptedServer {
  /** `http://127.0.0.1:<port>/v1`, the base URL to give the client. */
  baseUrl: string;
  requests: RecordedRequest[];
  requestsTo(endpoint: Endpoint): RecordedRequest[];
  enqueue(...replies: ScriptedReply[]): void;
  /** Asked when no queued reply fits. */
  setHandler(handler: Handler | undefined): void;
  /** Replies still queued. */
  pending(): number;
  /** The most requests that were open (received, not yet answered or dropped) at one time. */
  maxInFlight(): number;
  close(): Promise<void>;
}

const PATHS: Record<string, Endpoint> = { '/chat/completions': 'chat', '/embeddings': 'embeddings' };

export async function startOpenAiServer(opts: { replies?: ScriptedReply[]; handler?: Handler } = {}): Promise<ScriptedServer> {
  const queue: ScriptedReply[] = [...(opts.replies ?? [])];
  let handler = opts.handler;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;
  let inFlight = 0;
  let peak = 0;

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const path = (req.url ?? '/').replace(/^\/v1/, '').split('?')[0]!;
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body: parseJson(raw), receivedAt: Date.now() };
      requests.push(recorded);
      peak = Math.max(peak, ++inFlight);
      res.on('close', () => inFlight--);
      const endpoint = PATHS[path];
      if (req.method !== 'POST' || !endpoint) return send(res, 404, { error: { message: `scripted server: no route for ${req.method} ${req.url}`, type: 'invalid_request_error' } });
      const scripted = takeReply(queue, endpoint) ?? handler?.(recorded, endpoint) ?? defaultReply(endpoint);
      if (scripted.type === 'hang') return;
      const answer = () => respond(res, scripted, recorded, ++seq);
      if (!scripted.delayMs) return answer();
      const t = setTimeout(() => {
        timers.delete(t);
        answer();
      }, scripted.delayMs);
      timers.add(t);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    requestsTo: (endpoint) => requests.filter((r) => PATHS[r.path] === endpoint),
    enqueue: (...replies) => void queue.push(...replies),
    setHandler: (h) => void (handler = h),
    pending: () => queue.length,
    maxInFlight: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function takeReply(queue: ScriptedReply[], endpoint: Endpoint): ScriptedReply | undefined {
  const i = queue.findIndex((r) => fits(r, endpoint));
  return i < 0 ? undefined : queue.splice(i, 1)[0];
}

function fits(r: ScriptedReply, endpoint: Endpoint): boolean {
  if (r.type === 'chat') return endpoint === 'chat';
  if (r.type === 'embeddings') return endpoint === 'embeddings';
  return r.for === undefined || r.for === endpoint;
}

function defaultReply(endpoint: Endpoint): ScriptedReply {
  // embeddings have a natural default; a chat request nobody scripted is a test bug, answered with a 400
  // (which the client does not retry) so the test fails at once and says why
  if (endpoint === 'embeddings') return { type: 'embeddings' };
  return { type: 'error', status: 400, message: 'scripted server: no reply queued for this chat request' };
}

function respond(res: ServerResponse, r: Exclude<ScriptedReply, { type: 'hang' }>, req: RecordedRequest, seq: number): void {
  if (res.destroyed || res.writableEnded) return; // the client gave up first
  switch (r.type) {
    case 'chat':
      return send(res, 200, chatCompletion(r, req, seq));
    case 'embeddings':
      return send(res, 200, embeddingList(r, req));
    case 'error':
      return send(res, r.status, { error: { message: r.message, type: r.status === 429 ? 'requests' : 'server_error', code: r.code ?? null, param: null } }, r.headers);
    case 'raw':
      res.writeHead(r.status, r.headers);
      res.end(r.body);
      return;
  }
}

function chatCompletion(r: Extract<ScriptedReply, { type: 'chat' }>, req: RecordedRequest, seq: number) {
  const messages: Array<{ content?: unknown }> = Array.isArray(req.body?.messages) ? req.body.messages : [];
  const promptChars = messages.reduce((n, m) => n + (typeof m.content === 'string' ? m.content.length : 0), 0);
  const usage = r.usage === undefined ? { prompt_tokens: Math.ceil(promptChars / 4), completion_tokens: Math.ceil((r.content ?? '').length / 4) } : r.usage;
  return {
    id: `chatcmpl-scripted-${seq}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: req.body?.model ?? 'unknown',
    choices: [{ index: 0, message: { role: 'assistant', content: r.content, refusal: null }, finish_reason: r.finishReason ?? 'stop', logprobs: null }],
    ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
  };
}

function embeddingList(r: Extract<ScriptedReply, { type: 'embeddings' }>, req: RecordedRequest) {
  const input: unknown = req.body?.input;
  const texts = (Array.isArray(input) ? input : [input]).map((t) => String(t));
  const vectors = r.vectors ?? texts.map(textVector);
  const promptTokens = r.promptTokens === undefined ? texts.reduce((n, t) => n + Math.ceil(t.length / 4), 0) : r.promptTokens;
  const base64 = req.body?.encoding_format === 'base64';
  return {
    object: 'list',
    data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v })),
    model: req.body?.model ?? 'unknown',
    ...(promptTokens === null ? {} : { usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } }),
  };
}

/** A deterministic 8-dimensional vector from the text's characters: equal texts, equal vectors. */
export function textVector(text: string): number[] {
  const v = new Array<number>(8).fill(0);
  for (let i = 0; i < text.length; i++) v[i % 8]! += (text.charCodeAt(i) % 97) / 97;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}
