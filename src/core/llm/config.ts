import { SkillsmithError } from '../errors';
import { displayEndpoint } from './errors';

export type LlmProvider = 'openai' | 'vscode-lm' | 'offline';

export interface LlmLimits {
  /** 0 means no limit. */
  requestsPerMinute: number;
  /** Input plus output tokens; 0 means no limit. */
  tokensPerMinute: number;
  /** Requests that may start back to back before the per-minute pace applies. */
  burst: number;
  maxConcurrent: number;
  /** Per request; a timed-out request is retried like a 5xx. */
  timeoutMs: number;
  /** Retries after the first request, on 429, 5xx, timeouts and connection failures. */
  maxRetries: number;
}

export interface EmbeddingsConfig {
  /** Defaults to the chat base URL. */
  baseUrl?: string;
  /** Embeddings are off unless a model is named. */
  model?: string;
  /** Defaults to the chat key, but only when the embeddings go to the same base URL. */
  apiKey?: string;
}

/**
 * How Skillsmith reaches a model. `apiKey` comes from VS Code SecretStorage or the environment at run time:
 * it is never logged and never written anywhere by us.
 */
export interface LlmConfig {
  provider: LlmProvider;
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  embeddings?: EmbeddingsConfig;
  limits: LlmLimits;
  /** Reply length cap for calls that do not set their own. */
  maxOutputTokens: number;
}

export const DEFAULT_LIMITS: Readonly<LlmLimits> = Object.freeze({
  requestsPerMinute: 60,
  tokensPerMinute: 200_000,
  burst: 5,
  maxConcurrent: 4,
  timeoutMs: 120_000,
  maxRetries: 4,
});

export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export const OFFLINE_CONFIG: Readonly<LlmConfig> = Object.freeze({
  provider: 'offline',
  limits: DEFAULT_LIMITS,
  maxOutputTokens: DEFAULT_MAX_OUTPUT_TOKENS,
});

const LIMIT_RULES: Record<keyof LlmLimits, { min: number; integer: boolean }> = {
  requestsPerMinute: { min: 0, integer: false },
  tokensPerMinute: { min: 0, integer: true },
  burst: { min: 1, integer: true },
  maxConcurrent: { min: 1, integer: true },
  timeoutMs: { min: 1, integer: true },
  maxRetries: { min: 0, integer: true },
};

/** Throws a one-line error naming the setting (`where` says where it came from) when a limit is unusable. */
export function checkLimits(limits: LlmLimits, where = 'LLM limits'): void {
  for (const [name, rule] of Object.entries(LIMIT_RULES) as Array<[keyof LlmLimits, (typeof LIMIT_RULES)[keyof LlmLimits]]>) {
    const v = limits[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < rule.min || (rule.integer && !Number.isInteger(v))) {
      throw new SkillsmithError(`${name} must be ${rule.integer ? 'a whole number' : 'a number'} ≥ ${rule.min} (got ${String(v)})`, where);
    }
  }
}

/** Checks a complete config; the provider-specific parts only for the provider chosen. */
export function checkLlmConfig(config: LlmConfig, where = 'LLM settings'): void {
  checkLimits(config.limits, where);
  if (!Number.isInteger(config.maxOutputTokens) || config.maxOutputTokens < 1) {
    throw new SkillsmithError(`maxOutputTokens must be a whole number ≥ 1 (got ${config.maxOutputTokens})`, where);
  }
  if (config.provider !== 'openai') return;
  if (!config.model?.trim()) throw new SkillsmithError('no model is set for the OpenAI-compatible endpoint', where, 'set a model name, e.g. --llm-model');
  checkBaseUrl(config.baseUrl ?? OPENAI_BASE_URL, 'base URL', where);
  if (config.embeddings?.baseUrl) checkBaseUrl(config.embeddings.baseUrl, 'embeddings base URL', where);
  if (config.embeddings?.baseUrl && !config.embeddings.model?.trim()) {
    throw new SkillsmithError('an embeddings base URL is set but no embeddings model', where, 'name the embeddings model too');
  }
}

function checkBaseUrl(url: string, label: string, where: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // not echoed: a value in the wrong place is sometimes the key itself
    throw new SkillsmithError(`the ${label} is not a URL`, where, 'it should look like https://host/v1');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SkillsmithError(`the ${label} must start with http:// or https:// (got ${displayEndpoint(url)})`, where);
  }
  if (parsed.username || parsed.password) {
    // credentials in a URL end up in logs and error messages; keys have their own, secret, place
    throw new SkillsmithError(`the ${label} must not hold a user name or password (got ${displayEndpoint(url)})`, where, 'put the key in SKILLSMITH_LLM_API_KEY or the VS Code secret store');
  }
}

/** A line for logs and status output: what is configured, and whether a key is set, never the key. */
export function describeLlmConfig(config: LlmConfig): string {
  if (config.provider === 'offline') return 'offline (no model; deterministic drafts only)';
  if (config.provider === 'vscode-lm') return `VS Code language model${config.model ? ` ${config.model}` : ''}`;
  const key = config.apiKey ? 'API key set' : 'no API key';
  const embed = config.embeddings?.model ? `; embeddings ${config.embeddings.model}` : '';
  return `${config.model} at ${displayEndpoint(config.baseUrl ?? OPENAI_BASE_URL)} (${key})${embed}`;
}

/** The CLI flags that choose a model (commander's camelCase names). */
export interface LlmFlags {
  llmProvider?: string;
  llmBaseUrl?: string;
  llmModel?: string;
  embeddingsBaseUrl?: string;
  embeddingsModel?: string;
}

export const LLM_ENV = {
  provider: 'SKILLSMITH_LLM_PROVIDER',
  baseUrl: 'SKILLSMITH_LLM_BASE_URL',
  model: 'SKILLSMITH_LLM_MODEL',
  apiKey: 'SKILLSMITH_LLM_API_KEY',
  embeddingsBaseUrl: 'SKILLSMITH_EMBEDDINGS_BASE_URL',
  embeddingsModel: 'SKILLSMITH_EMBEDDINGS_MODEL',
  embeddingsApiKey: 'SKILLSMITH_EMBEDDINGS_API_KEY',
  maxOutputTokens: 'SKILLSMITH_LLM_MAX_OUTPUT_TOKENS',
} as const;

/** Environment variables that override one limit each. */
export const LIMIT_ENV: Record<keyof LlmLimits, string> = {
  requestsPerMinute: 'SKILLSMITH_LLM_RPM',
  tokensPerMinute: 'SKILLSMITH_LLM_TPM',
  burst: 'SKILLSMITH_LLM_BURST',
  maxConcurrent: 'SKILLSMITH_LLM_MAX_CONCURRENT',
  timeoutMs: 'SKILLSMITH_LLM_TIMEOUT_MS',
  maxRetries: 'SKILLSMITH_LLM_MAX_RETRIES',
};

/**
 * The CLI's LLM config: flags win over environment variables; the key only ever comes from the environment.
 * With nothing set the pipeline runs offline. Setting a base URL, a model or a key means an
 * OpenAI-compatible endpoint, which then needs a model.
 */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv, flags: LlmFlags = {}): LlmConfig {
  const pick = (flag: string | undefined, name: string) => nonEmpty(flag) ?? nonEmpty(env[name]);
  const baseUrl = pick(flags.llmBaseUrl, LLM_ENV.baseUrl);
  const model = pick(flags.llmModel, LLM_ENV.model);
  const apiKey = nonEmpty(env[LLM_ENV.apiKey]);
  const limits = limitsFromEnv(env);
  const maxOutputTokens = intFromEnv(env, LLM_ENV.maxOutputTokens, 1) ?? DEFAULT_MAX_OUTPUT_TOKENS;
  const provider = chooseProvider(pick(flags.llmProvider, LLM_ENV.provider), Boolean(baseUrl || model || apiKey));
  if (provider === 'offline') return { provider, limits, maxOutputTokens };
  const config: LlmConfig = { provider, baseUrl: baseUrl ?? OPENAI_BASE_URL, model, apiKey, limits, maxOutputTokens };
  const embeddingsModel = pick(flags.embeddingsModel, LLM_ENV.embeddingsModel);
  const embeddingsBaseUrl = pick(flags.embeddingsBaseUrl, LLM_ENV.embeddingsBaseUrl);
  if (embeddingsModel || embeddingsBaseUrl) {
    config.embeddings = { model: embeddingsModel, baseUrl: embeddingsBaseUrl, apiKey: nonEmpty(env[LLM_ENV.embeddingsApiKey]) };
  }
  checkLlmConfig(config, 'LLM settings (flags and SKILLSMITH_LLM_* variables)');
  return config;
}

function chooseProvider(named: string | undefined, anythingSet: boolean): LlmProvider {
  if (named === undefined) return anythingSet ? 'openai' : 'offline';
  if (named === 'openai' || named === 'offline') return named;
  if (named === 'vscode-lm') {
    throw new SkillsmithError('the VS Code language model provider is only available inside VS Code', LLM_ENV.provider, 'use openai or offline in the CLI');
  }
  throw new SkillsmithError(`unknown LLM provider "${named}"`, LLM_ENV.provider, 'use openai or offline');
}

function limitsFromEnv(env: NodeJS.ProcessEnv): LlmLimits {
  const limits: LlmLimits = { ...DEFAULT_LIMITS };
  for (const [name, variable] of Object.entries(LIMIT_ENV) as Array<[keyof LlmLimits, string]>) {
    const raw = nonEmpty(env[variable]);
    if (raw === undefined) continue;
    const rule = LIMIT_RULES[name];
    const n = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= rule.min) || (rule.integer && !Number.isInteger(n))) {
      throw new SkillsmithError(`must be ${rule.integer ? 'a whole number' : 'a number'} ≥ ${rule.min} (got ${JSON.stringify(raw)})`, variable);
    }
    limits[name] = n;
  }
  return limits;
}

function intFromEnv(env: NodeJS.ProcessEnv, variable: string, min: number): number | undefined {
  const raw = nonEmpty(env[variable]);
  if (raw === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(raw) || Number(raw) < min) throw new SkillsmithError(`must be a whole number ≥ ${min} (got ${JSON.stringify(raw)})`, variable);
  return Number(raw);
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}
