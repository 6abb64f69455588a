import type { Command } from 'commander';
import type { LlmFlags } from '../core/llm/config';

/**
 * Adds the flags that choose a model to a command that calls one. Read them back with
 * `llmConfigFromEnv(process.env, opts)`; the API key is never a flag (it would land in shell history).
 */
export function addLlmOptions(command: Command): Command {
  return command
    .option('--llm-provider <name>', 'openai or offline (default: openai when an endpoint, model or key is set, else offline)')
    .option('--llm-base-url <url>', 'OpenAI-compatible endpoint (env SKILLSMITH_LLM_BASE_URL; key in SKILLSMITH_LLM_API_KEY)')
    .option('--llm-model <name>', 'model name (env SKILLSMITH_LLM_MODEL)')
    .option('--embeddings-base-url <url>', 'embeddings endpoint, if not the chat one (env SKILLSMITH_EMBEDDINGS_BASE_URL)')
    .option('--embeddings-model <name>', 'embeddings model; embeddings are off without one (env SKILLSMITH_EMBEDDINGS_MODEL)');
}

export type { LlmFlags };
