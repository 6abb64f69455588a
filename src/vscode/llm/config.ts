import type * as vscode from 'vscode';
import { checkLlmConfig, DEFAULT_MAX_OUTPUT_TOKENS, type LlmConfig } from '../../core/llm/config';
import { SECRET } from '../ids';
import { llmLimits, setting } from '../settings';

/**
 * The model the settings choose, with the API keys from SecretStorage (the only place they are kept).
 * Throws a SkillsmithError naming the setting when the configuration cannot work.
 */
export async function llmConfigFromSettings(secrets: vscode.SecretStorage): Promise<LlmConfig> {
  const provider = setting('llm.provider');
  const limits = llmLimits();
  const maxOutputTokens = setting('llm.maxOutputTokens') || DEFAULT_MAX_OUTPUT_TOKENS;
  const model = setting('llm.model').trim() || undefined;
  if (provider === 'offline') return { provider, limits, maxOutputTokens };
  if (provider === 'vscode-lm') return { provider, model, limits, maxOutputTokens };
  const config: LlmConfig = {
    provider,
    baseUrl: setting('llm.baseUrl').trim(),
    model,
    apiKey: (await secrets.get(SECRET.llmApiKey)) || undefined,
    limits,
    maxOutputTokens,
  };
  const embeddingsModel = setting('llm.embeddings.model').trim();
  if (embeddingsModel) {
    config.embeddings = {
      model: embeddingsModel,
      baseUrl: setting('llm.embeddings.baseUrl').trim() || undefined,
      apiKey: (await secrets.get(SECRET.embeddingsApiKey)) || undefined,
    };
  }
  checkLlmConfig(config, 'Skillsmith language model settings (skillsmith.llm.*)');
  return config;
}
