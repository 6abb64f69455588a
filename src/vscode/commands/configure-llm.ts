import * as vscode from 'vscode';
import { checkLlmConfig, DEFAULT_LIMITS, type LlmProvider } from '../../core/llm/config';
import { SkillsmithError } from '../../core/errors';
import { SECRET } from '../ids';
import { llmSummary } from '../llm/summary';
import { log } from '../log';
import { setting, updateSetting } from '../settings';
import type { Services } from '../services';

interface Choice {
  provider?: unknown;
  baseUrl?: unknown;
  model?: unknown;
  apiKey?: unknown;
}

/**
 * "Configure Language Model…": offline, an OpenAI-compatible endpoint (the key goes to SecretStorage and
 * nowhere else), or a VS Code chat model. Given a choice object (from tests or other commands) it asks nothing.
 * Returns the configuration in one line, never with the key.
 */
export async function configureLlm(s: Services, given?: Choice): Promise<string | undefined> {
  const provider = (typeof given?.provider === 'string' ? given.provider : await pickProvider()) as LlmProvider | undefined;
  if (!provider) return undefined;
  if (provider === 'openai') {
    if (!(await configureOpenAi(s.context.secrets, given))) return undefined;
  } else if (provider === 'vscode-lm') {
    const model = typeof given?.model === 'string' ? given.model : await pickVsCodeModel();
    if (model === undefined) return undefined;
    await updateSetting('llm.model', model);
  } else if (provider !== 'offline') throw new SkillsmithError(`unknown provider "${provider}"`, 'Configure Language Model', 'use offline, openai or vscode-lm');
  await updateSetting('llm.provider', provider);
  const summary = llmSummary();
  log().info(`language model: ${summary}`);
  void vscode.window.showInformationMessage(`Skillsmith will distill with: ${summary}.`);
  return summary;
}

async function pickProvider(): Promise<LlmProvider | undefined> {
  const current = setting('llm.provider');
  const items: Array<vscode.QuickPickItem & { provider: LlmProvider }> = [
    { provider: 'openai', label: '$(globe) OpenAI-compatible endpoint', detail: 'OpenAI, Azure, a local server (Ollama, vLLM, LM Studio) … You give the base URL, the model and an API key, which is kept in VS Code\'s secret storage.' },
    { provider: 'vscode-lm', label: '$(copilot) VS Code language model', detail: 'A chat model you already have in VS Code, such as GitHub Copilot\'s. Nothing to set up.' },
    { provider: 'offline', label: '$(circle-slash) Offline', detail: 'No model: drafts from recurring workflows only. Spends no tokens.' },
  ];
  for (const i of items) if (i.provider === current) i.description = 'current';
  return (await vscode.window.showQuickPick(items, { title: 'Skillsmith: which model should write skills?', matchOnDetail: true }))?.provider;
}

async function configureOpenAi(secrets: vscode.SecretStorage, given?: Choice): Promise<boolean> {
  const ask = (title: string, value: string, prompt: string, placeHolder?: string) =>
    vscode.window.showInputBox({ title, value, prompt, placeHolder, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Required') });
  const baseUrl = typeof given?.baseUrl === 'string' ? given.baseUrl : await ask('Base URL of the endpoint', setting('llm.baseUrl'), 'The OpenAI-compatible API root, ending in /v1 for most servers.');
  if (baseUrl === undefined) return false;
  const model = typeof given?.model === 'string' ? given.model : await ask('Model', setting('llm.model'), 'The model name the endpoint serves.', 'gpt-4.1-mini');
  if (model === undefined) return false;
  // checks the URL and model before anything is saved; the key is never part of a message
  checkLlmConfig({ provider: 'openai', baseUrl: baseUrl.trim(), model: model.trim(), limits: DEFAULT_LIMITS, maxOutputTokens: 1 }, 'Configure Language Model');
  const hasKey = Boolean(await secrets.get(SECRET.llmApiKey));
  const key =
    typeof given?.apiKey === 'string'
      ? given.apiKey
      : await vscode.window.showInputBox({
          title: 'API key',
          password: true,
          ignoreFocusOut: true,
          prompt: hasKey ? 'Leave empty to keep the stored key. Kept in VS Code\'s secret storage only.' : 'Kept in VS Code\'s secret storage only. Leave empty for a server that needs none.',
        });
  if (key === undefined) return false;
  if (key.trim()) await secrets.store(SECRET.llmApiKey, key.trim());
  await updateSetting('llm.baseUrl', baseUrl.trim());
  await updateSetting('llm.model', model.trim());
  return true;
}

async function pickVsCodeModel(): Promise<string | undefined> {
  const models = await vscode.lm.selectChatModels();
  if (models.length === 0) {
    void vscode.window.showWarningMessage('VS Code offers no chat model here. Install and sign in to a model provider such as GitHub Copilot, or choose another option.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    models.map((m) => ({ label: m.name, description: `${m.vendor} · ${m.family}`, detail: `up to ${m.maxInputTokens} input tokens`, id: m.id })),
    { title: 'Which VS Code chat model?' },
  );
  return picked?.id;
}
