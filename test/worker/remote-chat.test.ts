import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveHome } from '../../src/core/home';
import { DEFAULT_LIMITS } from '../../src/core/llm/config';
import { LlmError } from '../../src/core/llm/errors';
import { runInWorker } from '../../src/worker/client';
import { distillJob } from '../../src/worker/protocol';
import type { RemoteChatRequest } from '../../src/worker/remote-chat';

const WORKER = resolve(__dirname, '..', '..', 'dist', 'worker.js');
const SAMPLES = resolve(__dirname, '..', '..', 'samples', 'sessions');

function job() {
  const home = resolveHome(mkdtempSync(join(tmpdir(), 'remote-chat-')));
  return distillJob({ home, paths: [SAMPLES], workspace: '', allWorkspaces: true, llm: { provider: 'vscode-lm', model: 'host-model', limits: { ...DEFAULT_LIMITS, maxRetries: 0 }, maxOutputTokens: 500 } });
}

test('a distill job on the VS Code language model sends each chat call to the host and uses its reply', async () => {
  const calls: RemoteChatRequest[] = [];
  const result = await runInWorker(WORKER, job(), {
    chat: async (request) => {
      calls.push(request);
      return { text: '{"not": "what the stage asked for"}', usage: { inputTokens: 100, outputTokens: 10 } };
    },
  });
  assert.ok(calls.length > 0, 'the worker asked the host');
  assert.equal(calls[0]!.messages[0]!.role, 'system');
  assert.match(calls[0]!.stage, /split/);
  assert.equal(result.tokens.engine.startsWith('offline'), false);
  assert.equal(result.tokens.calls, calls.length, 'every answered call is in the run\'s ledger');
  assert.ok(result.tokens.inputTokens >= 100 * calls.length);
  assert.ok(result.pipeline.problems.length + result.notices.length > 0, 'replies that do not fit the schema are reported, not taken');
});

test('a failure on the host reaches the worker as the same kind of LLM error', async () => {
  const result = await runInWorker(WORKER, job(), {
    chat: async (request) => {
      throw new LlmError('auth', { stage: request.stage, endpoint: 'vscode.lm', model: 'host-model' }, 'NoPermissions: the user declined');
    },
  }).catch((e: Error) => e);
  const text = result instanceof Error ? result.message : JSON.stringify([result.pipeline.problems, result.notices]);
  assert.match(text, /NoPermissions: the user declined/);
});
