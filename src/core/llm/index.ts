// The LLM layer's public surface: what the pipeline, the CLI and the extension import.
export type { ChatJsonRequest, ChatJsonResult, ChatMessage, ChatTransport, EmbeddingTransport, EmbedRequest, EmbedResult, LlmClient, LlmLogger, TokenUsage, TransportChatReply, TransportChatRequest } from './types';
export { silentLogger } from './types';
export { LlmError, displayEndpoint, scrubSecrets, type LlmCall, type LlmErrorKind } from './errors';
export { DEFAULT_LIMITS, DEFAULT_MAX_OUTPUT_TOKENS, OFFLINE_CONFIG, checkLlmConfig, checkLimits, describeLlmConfig, llmConfigFromEnv, type EmbeddingsConfig, type LlmConfig, type LlmFlags, type LlmLimits, type LlmProvider } from './config';
export { createLlmClient, type LlmDeps } from './create-client';
export { GuardedLlmClient, type GuardOptions } from './guarded-client';
export { OfflineLlmClient } from './offline';
export { MemoryTokenLedger, ledgerDay, type LedgerEntry, type LedgerFilter, type LedgerRow, type LedgerTotals, type TokenLedger } from './ledger';
export { StoreTokenLedger } from './store-ledger';
export { systemClock, type Clock } from './clock';
