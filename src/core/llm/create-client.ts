import { systemClock, type Clock } from './clock';
import { checkLlmConfig, OPENAI_BASE_URL, type LlmConfig } from './config';
import { GuardedLlmClient } from './guarded-client';
import type { TokenLedger } from './ledger';
import { OfflineLlmClient } from './offline';
import { OpenAiChatTransport, OpenAiEmbeddingTransport, type OpenAiEndpoint } from './openai-transport';
import type { LlmClient, LlmLogger } from './types';

export interface LlmDeps {
  ledger: TokenLedger;
  clock?: Clock;
  random?: () => number;
  logger?: LlmLogger;
}

/**
 * The client a config describes. The VS Code provider is not built here: `src/vscode/` wraps `vscode.lm` in
 * a `ChatTransport` and hands it to `GuardedLlmClient`, so it gets the same limits, retries and ledger.
 */
export function createLlmClient(config: LlmConfig, deps: LlmDeps): LlmClient {
  checkLlmConfig(config);
  if (config.provider === 'offline') return new OfflineLlmClient();
  if (config.provider === 'vscode-lm') {
    throw new Error('programming error: createLlmClient cannot build the vscode-lm provider; the extension wraps vscode.lm in a ChatTransport for GuardedLlmClient');
  }
  const clock = deps.clock ?? systemClock;
  const timeoutMs = config.limits.timeoutMs;
  const chat = new OpenAiChatTransport({ baseUrl: config.baseUrl ?? OPENAI_BASE_URL, model: config.model!, apiKey: config.apiKey }, timeoutMs, clock);
  const target = embeddingsEndpoint(config);
  const embeddings = target ? new OpenAiEmbeddingTransport(target, timeoutMs, clock) : undefined;
  return new GuardedLlmClient(
    chat,
    { limits: config.limits, maxOutputTokens: config.maxOutputTokens, ledger: deps.ledger, clock, random: deps.random, logger: deps.logger },
    embeddings,
  );
}

/** Where embeddings go. The chat key follows only to the same origin: it must not leak to another host. */
export function embeddingsEndpoint(config: LlmConfig): OpenAiEndpoint | undefined {
  const e = config.embeddings;
  if (!e?.model) return undefined;
  const chatBase = config.baseUrl ?? OPENAI_BASE_URL;
  const baseUrl = e.baseUrl ?? chatBase;
  const apiKey = e.apiKey ?? (new URL(baseUrl).origin === new URL(chatBase).origin ? config.apiKey : undefined);
  return { baseUrl, model: e.model, apiKey };
}
