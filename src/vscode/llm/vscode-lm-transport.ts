import * as vscode from 'vscode';
import { SkillsmithError } from '../../core/errors';
import { LlmError, type LlmErrorKind } from '../../core/llm/errors';
import type { ChatTransport, TransportChatReply, TransportChatRequest } from '../../core/llm/types';

/** The parts of a VS Code chat model the transport uses (vscode.LanguageModelChat has them all). */
export type ChatModel = Pick<vscode.LanguageModelChat, 'id' | 'name' | 'sendRequest' | 'countTokens'>;

/**
 * One chat call over the VS Code Language Model API. The API has no system role, so the system text goes
 * first as a user message; it reports no usage, so tokens are counted with the model's own tokenizer. Limits,
 * retries, the schema check and the ledger are the guard's (GuardedLlmClient), as for every provider.
 */
export class VsCodeLmTransport implements ChatTransport {
  readonly provider = 'vscode-lm';
  readonly endpoint = 'vscode.lm';
  readonly model: string;

  constructor(private readonly chatModel: ChatModel) {
    this.model = chatModel.id;
  }

  async chat(req: TransportChatRequest): Promise<TransportChatReply> {
    const messages = req.messages.map((m) =>
      m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(m.content) : vscode.LanguageModelChatMessage.User(m.content),
    );
    const cancel = new vscode.CancellationTokenSource();
    const onAbort = () => cancel.cancel();
    req.signal.addEventListener('abort', onAbort, { once: true });
    try {
      if (req.signal.aborted) throw this.error('cancelled', req, 'the call was cancelled before it started');
      const response = await this.chatModel.sendRequest(
        messages,
        { justification: `Skillsmith distills your agent sessions into skills (${req.stage}).`, modelOptions: { max_tokens: req.maxOutputTokens } },
        cancel.token,
      );
      let text = '';
      for await (const part of response.text) text += part;
      const counts = await Promise.all([...messages.map((m) => this.chatModel.countTokens(m, cancel.token)), this.chatModel.countTokens(text, cancel.token)]);
      const outputTokens = counts.pop()!;
      return { text, usage: { inputTokens: counts.reduce((a, b) => a + b, 0), outputTokens } };
    } catch (e) {
      throw this.toLlmError(e, req);
    } finally {
      req.signal.removeEventListener('abort', onAbort);
      cancel.dispose();
    }
  }

  private toLlmError(e: unknown, req: TransportChatRequest): LlmError {
    if (e instanceof LlmError) return e;
    if (req.signal.aborted || e instanceof vscode.CancellationError) return this.error('cancelled', req, 'the call was cancelled');
    const reason = e instanceof Error ? e.message : String(e);
    if (e instanceof vscode.LanguageModelError) {
      const kinds: Record<string, LlmErrorKind> = { NoPermissions: 'auth', Blocked: 'rate-limited', NotFound: 'bad-request' };
      const kind = kinds[e.code] ?? 'server';
      // "Blocked" is a quota or policy refusal: waiting a few seconds does not lift it
      return this.error(kind, req, `${e.code}: ${reason}`, kind === 'rate-limited' ? false : undefined);
    }
    return this.error('server', req, reason);
  }

  private error(kind: LlmErrorKind, req: TransportChatRequest, reason: string, retryable?: boolean): LlmError {
    return new LlmError(kind, { stage: req.stage, endpoint: this.endpoint, model: this.model }, reason, retryable === undefined ? {} : { retryable });
  }
}

/** The chat model the settings name (by id or family), or the first one VS Code offers. */
export async function selectChatModel(wanted: string | undefined): Promise<vscode.LanguageModelChat> {
  const all = await vscode.lm.selectChatModels(wanted ? { id: wanted } : undefined);
  const byFamily = all.length > 0 || !wanted ? all : await vscode.lm.selectChatModels({ family: wanted });
  const model = byFamily[0];
  if (!model) {
    throw new SkillsmithError(
      wanted ? `no VS Code chat model "${wanted}" is available` : 'VS Code offers no chat model',
      'skillsmith.llm.model',
      'install and sign in to a model provider such as GitHub Copilot, or choose another provider with "Skillsmith: Configure Language Model…"',
    );
  }
  return model;
}
