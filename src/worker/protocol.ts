/**
 * The messages between a host (the extension or the CLI) and the pipeline worker, typed in one place and
 * checked on receipt. A host sends jobs and cancellations; the worker answers with progress and one result
 * or failure per job.
 */
import type { DistillProgress, DistillRequest, DistillResult, DistillRules } from '../core/distill/distill';
import type { EvalInput, EvalProgress, EvalReport } from '../core/eval/run';
import type { LlmConfig } from '../core/llm/config';
import type { TransportChatReply } from '../core/llm/types';
import { LLM_ERROR_KINDS, type RemoteChatError, type RemoteChatRequest } from './remote-chat';

/**
 * API keys travel beside the request, never inside it: the request is what hosts log and show, and a key
 * inside the LLM config would go wherever the config goes. `describeJob` is the loggable form.
 */
export interface JobCredentials {
  llmApiKey?: string;
  embeddingsApiKey?: string;
}

export type DistillJob = { kind: 'distill'; request: DistillRequest; credentials?: JobCredentials };
/** `skillsmith eval`: hindsight evaluation in a scratch home (the user's library and state are not opened). */
export type EvalJob = { kind: 'eval'; input: EvalInput; credentials?: JobCredentials };
export type WorkerJob = DistillJob | EvalJob;

export type HostToWorker =
  | { type: 'run'; id: string; job: WorkerJob }
  | { type: 'cancel'; id: string }
  /** The answer to a chat call the worker asked the host to make (the VS Code language model). */
  | { type: 'chatReply'; id: string; call: number; reply?: TransportChatReply; error?: RemoteChatError };

export type WorkerToHost =
  | { type: 'progress'; id: string; progress: DistillProgress | EvalProgress }
  | { type: 'done'; id: string; result: DistillResult | EvalReport }
  | { type: 'failed'; id: string; error: string; cancelled: boolean }
  /** A chat call for the host to make: the worker cannot reach the VS Code language model itself. */
  | { type: 'chat'; id: string; call: number; request: RemoteChatRequest }
  | { type: 'chatCancel'; id: string; call: number };

/** A job for `request`, its keys moved out of the LLM config into the credentials. */
export function distillJob(request: DistillRequest): DistillJob {
  if (!request.llm) return { kind: 'distill', request };
  const { llm, credentials } = withoutKeys(request.llm);
  return { kind: 'distill', request: { ...request, llm }, credentials };
}

/** An eval job for `input`, its keys moved out of the LLM config into the credentials. */
export function evalJob(input: EvalInput): EvalJob {
  if (!input.llm) return { kind: 'eval', input };
  const { llm, credentials } = withoutKeys(input.llm);
  return { kind: 'eval', input: { ...input, llm }, credentials };
}

/** The request as the worker runs it: the keys put back into the config. */
export function requestWithCredentials(job: DistillJob): DistillRequest {
  const { request, credentials } = job;
  if (!request.llm || !credentials) return request;
  return { ...request, llm: withKeys(request.llm, credentials) };
}

/** The eval input as the worker runs it: the keys put back into the config. */
export function inputWithCredentials(job: EvalJob): EvalInput {
  const { input, credentials } = job;
  if (!input.llm || !credentials) return input;
  return { ...input, llm: withKeys(input.llm, credentials) };
}

function withoutKeys(config: LlmConfig): { llm: LlmConfig; credentials: JobCredentials } {
  const { apiKey, embeddings, ...rest } = config;
  const llm: LlmConfig = { ...rest };
  let embeddingsApiKey: string | undefined;
  if (embeddings) {
    const { apiKey: key, ...e } = embeddings;
    embeddingsApiKey = key;
    llm.embeddings = e;
  }
  const credentials: JobCredentials = {};
  if (apiKey) credentials.llmApiKey = apiKey;
  if (embeddingsApiKey) credentials.embeddingsApiKey = embeddingsApiKey;
  return { llm, credentials };
}

function withKeys(config: LlmConfig, credentials: JobCredentials): LlmConfig {
  const llm: LlmConfig = { ...config, apiKey: credentials.llmApiKey };
  if (llm.embeddings) llm.embeddings = { ...llm.embeddings, apiKey: credentials.embeddingsApiKey };
  return llm;
}

/** A job fit for a log line: what runs and with which model, whether a key is set, never the key. */
export function describeJob(job: WorkerJob): string {
  if (job.kind === 'eval') {
    const i = job.input;
    const model = i.llm && i.llm.provider !== 'offline' ? `${i.llm.provider} ${i.llm.model ?? ''}`.trim() : 'offline';
    return `eval ${i.paths.length ? i.paths.join(', ') : `discovered sessions of ${i.workspace}`} (${model}${job.credentials?.llmApiKey ? ', API key set' : ''})`;
  }
  const r = job.request;
  const model = r.llm && r.llm.provider !== 'offline' ? `${r.llm.provider} ${r.llm.model ?? ''}`.trim() : 'offline';
  const key = job.credentials?.llmApiKey ? ', API key set' : '';
  return `distill ${r.paths.length ? r.paths.join(', ') : `discovered sessions of ${r.workspace}`} (${model}${key})`;
}

export function isHostToWorker(m: unknown): m is HostToWorker {
  if (!isObject(m) || typeof m.id !== 'string') return false;
  if (m.type === 'cancel') return true;
  if (m.type === 'chatReply') return typeof m.call === 'number' && (isChatReply(m.reply) || isRemoteError(m.error));
  if (m.type !== 'run' || !isObject(m.job) || !(m.job.credentials === undefined || isCredentials(m.job.credentials))) return false;
  return (m.job.kind === 'distill' && isDistillRequest(m.job.request)) || (m.job.kind === 'eval' && isEvalInput(m.job.input));
}

/** The input's shape; the core checks its values (split, k, minSessions) before anything is read. */
function isEvalInput(i: unknown): i is EvalInput {
  return (
    isObject(i) &&
    Array.isArray(i.paths) &&
    i.paths.every((p) => typeof p === 'string') &&
    typeof i.workspace === 'string' &&
    typeof i.allWorkspaces === 'boolean' &&
    (i.extraFolders === undefined || (Array.isArray(i.extraFolders) && i.extraFolders.every((p) => typeof p === 'string'))) &&
    optionalNumbers(i, ['split', 'k', 'minSessions']) &&
    optionalStrings(i, ['keepDir']) &&
    (i.llm === undefined || isLlmConfig(i.llm))
  );
}

export function isWorkerToHost(m: unknown): m is WorkerToHost {
  if (!isObject(m) || typeof m.id !== 'string') return false;
  switch (m.type) {
    case 'progress':
      return isObject(m.progress);
    case 'done':
      return isObject(m.result);
    case 'failed':
      return typeof m.error === 'string' && typeof m.cancelled === 'boolean';
    case 'chat':
      return typeof m.call === 'number' && isObject(m.request) && typeof m.request.stage === 'string' && Array.isArray(m.request.messages);
    case 'chatCancel':
      return typeof m.call === 'number';
    default:
      return false;
  }
}

function isDistillRequest(r: unknown): r is DistillRequest {
  return (
    isObject(r) &&
    isObject(r.home) &&
    ['root', 'library', 'state'].every((k) => typeof (r.home as Record<string, unknown>)[k] === 'string') &&
    Array.isArray(r.paths) &&
    r.paths.every((p) => typeof p === 'string') &&
    typeof r.workspace === 'string' &&
    typeof r.allWorkspaces === 'boolean' &&
    (r.extraFolders === undefined || (Array.isArray(r.extraFolders) && r.extraFolders.every((p) => typeof p === 'string'))) &&
    (r.ingestOnly === undefined || typeof r.ingestOnly === 'boolean') &&
    (r.workspaceSessions === undefined || typeof r.workspaceSessions === 'boolean') &&
    (r.llm === undefined || isLlmConfig(r.llm)) &&
    (r.rules === undefined || isDistillRules(r.rules)) &&
    (r.installScopes === undefined || (Array.isArray(r.installScopes) && r.installScopes.every((s) => s === 'user' || s === 'project')))
  );
}

const CANARY_KEYS = ['share', 'maxSessionsPerArm', 'looks', 'expireAfterDays'];
const TRUST_RULE_BOUNDS: Record<string, string> = { promote: 'minLower', demote: 'minLower', quarantine: 'maxUpper', block: 'maxUpper' };

/** The rules' shape; their values are checked by the core before the job reads anything. */
function isDistillRules(r: unknown): r is DistillRules {
  if (!isObject(r) || !optionalNumbers(r, ['minSessions'])) return false;
  if (r.canary !== undefined && !(isObject(r.canary) && optionalNumbers(r.canary, CANARY_KEYS))) return false;
  if (r.autoStartCanaries !== undefined && typeof r.autoStartCanaries !== 'boolean') return false;
  if (r.trust === undefined) return true;
  const trust = r.trust;
  return isObject(trust) && Object.entries(TRUST_RULE_BOUNDS).every(([rule, bound]) => {
    const v = trust[rule];
    return isObject(v) && typeof v.minUses === 'number' && typeof v[bound] === 'number';
  });
}

function optionalNumbers(o: Record<string, unknown>, keys: string[]): boolean {
  return keys.every((k) => o[k] === undefined || typeof o[k] === 'number');
}

const PROVIDERS = new Set(['openai', 'vscode-lm', 'offline']);
const LIMIT_KEYS = ['requestsPerMinute', 'tokensPerMinute', 'burst', 'maxConcurrent', 'timeoutMs', 'maxRetries'];

/** The config's shape; its values are checked by the LLM layer when the client is built. A key inside is refused. */
function isLlmConfig(c: unknown): c is LlmConfig {
  if (!isObject(c) || !PROVIDERS.has(c.provider as string) || c.apiKey !== undefined) return false;
  if (!optionalStrings(c, ['baseUrl', 'model']) || typeof c.maxOutputTokens !== 'number') return false;
  if (!isObject(c.limits) || !LIMIT_KEYS.every((k) => typeof (c.limits as Record<string, unknown>)[k] === 'number')) return false;
  if (c.embeddings === undefined) return true;
  return isObject(c.embeddings) && c.embeddings.apiKey === undefined && optionalStrings(c.embeddings, ['baseUrl', 'model']);
}

function isCredentials(c: unknown): c is JobCredentials {
  return isObject(c) && optionalStrings(c, ['llmApiKey', 'embeddingsApiKey']);
}

function optionalStrings(o: Record<string, unknown>, keys: string[]): boolean {
  return keys.every((k) => o[k] === undefined || typeof o[k] === 'string');
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isChatReply(r: unknown): r is TransportChatReply {
  return isObject(r) && typeof r.text === 'string' && isObject(r.usage) && typeof r.usage.inputTokens === 'number' && typeof r.usage.outputTokens === 'number';
}

function isRemoteError(e: unknown): e is RemoteChatError {
  return isObject(e) && LLM_ERROR_KINDS.has(e.kind as string) && typeof e.reason === 'string';
}
