import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LlmError } from '../../../src/core/llm/errors';
import { VsCodeLmTransport, type ChatModel } from '../../../src/vscode/llm/vscode-lm-transport';
import { test } from './runner';

/**
 * The harness's VS Code has no chat model (no Copilot, no network), so the transport is driven by a model
 * object of the LanguageModelChat shape: the transport's own work (messages, streaming, token counts,
 * cancellation, error mapping) is what is checked here, with the real vscode.lm classes.
 */
function model(reply: (messages: vscode.LanguageModelChatMessage[], token: vscode.CancellationToken) => AsyncIterable<string>): ChatModel & { sent: vscode.LanguageModelChatMessage[][] } {
  const sent: vscode.LanguageModelChatMessage[][] = [];
  return {
    id: 'test-model',
    name: 'Test model',
    sent,
    sendRequest: async (messages, _options, token) => {
      sent.push(messages as vscode.LanguageModelChatMessage[]);
      return { text: reply(messages as vscode.LanguageModelChatMessage[], token!), stream: (async function* () {})() } as unknown as vscode.LanguageModelChatResponse;
    },
    countTokens: async (text) => (typeof text === 'string' ? text : JSON.stringify(text.content)).split(/\s+/).filter(Boolean).length,
  };
}

const request = (signal = new AbortController().signal) => ({
  stage: 'write',
  messages: [
    { role: 'system' as const, content: 'You write skills.' },
    { role: 'user' as const, content: 'Write one about git bisect.' },
  ],
  maxOutputTokens: 100,
  jsonMode: true,
  signal,
});

test('the VS Code language model transport sends the messages, collects the stream and counts tokens', async () => {
  const m = model(async function* () {
    yield '{"name": ';
    yield '"git-bisect"}';
  });
  const reply = await new VsCodeLmTransport(m).chat(request());
  assert.equal(reply.text, '{"name": "git-bisect"}');
  assert.deepEqual(reply.usage, { inputTokens: 8, outputTokens: 2 });
  assert.equal(m.sent[0]!.length, 2);
  assert.equal(m.sent[0]![0]!.role, vscode.LanguageModelChatMessageRole.User, 'the system text goes first, as a user message');
});

test('the transport maps VS Code model errors and cancellation to LLM errors', async () => {
  const blocked = model(async function* () {
    throw vscode.LanguageModelError.Blocked('quota exceeded');
  });
  await assert.rejects(new VsCodeLmTransport(blocked).chat(request()), (e: unknown) => e instanceof LlmError && e.kind === 'rate-limited' && !e.retryable);
  const denied = model(async function* () {
    throw vscode.LanguageModelError.NoPermissions('not allowed');
  });
  await assert.rejects(new VsCodeLmTransport(denied).chat(request()), (e: unknown) => e instanceof LlmError && e.kind === 'auth');
  const abort = new AbortController();
  const slow = model(async function* (_m, token) {
    yield 'partial';
    abort.abort();
    await new Promise((r) => setTimeout(r, 20));
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    yield 'rest';
  });
  await assert.rejects(new VsCodeLmTransport(slow).chat(request(abort.signal)), (e: unknown) => e instanceof LlmError && e.kind === 'cancelled');
});
