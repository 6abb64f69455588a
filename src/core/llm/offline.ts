import type { ChatJsonRequest, ChatJsonResult, LlmClient } from './types';

/**
 * The no-model provider. The offline engine is its own deterministic pipeline path and never asks a model
 * anything, so a chatJson call reaching here is a bug in the caller: it throws at once and spends nothing.
 */
export class OfflineLlmClient implements LlmClient {
  readonly id = 'offline';
  readonly canChat = false;

  chatJson<T>(req: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
    return Promise.reject(
      new Error(
        `programming error: stage "${req.stage}" called chatJson on the offline LLM client; ` +
          'check client.canChat and take the offline engine path when it is false',
      ),
    );
  }
}
