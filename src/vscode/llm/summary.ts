import { setting } from '../settings';

/** One line on the configured model, never the key: for the status bar tooltip and the usage report. */
export function llmSummary(): string {
  const provider = setting('llm.provider');
  const model = setting('llm.model').trim();
  if (provider === 'offline') return 'offline engine (no model, no tokens)';
  if (provider === 'vscode-lm') return `VS Code language model${model ? ` ${model}` : ' (first available)'}`;
  return `${model || '(no model set)'} at ${setting('llm.baseUrl')}`;
}
