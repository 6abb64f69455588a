import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { addLlmOptions } from '../../../src/cli/llm-options';
import { llmConfigFromEnv, type LlmFlags } from '../../../src/core/llm/config';

test('the CLI flags parse into what llmConfigFromEnv reads', () => {
  const cmd = addLlmOptions(new Command('distill')).exitOverride();
  cmd.parse(['--llm-base-url', 'http://localhost:11434/v1', '--llm-model', 'qwen', '--embeddings-model', 'nomic'], { from: 'user' });
  const config = llmConfigFromEnv({}, cmd.opts<LlmFlags>());
  assert.equal(config.provider, 'openai');
  assert.equal(config.baseUrl, 'http://localhost:11434/v1');
  assert.equal(config.model, 'qwen');
  assert.equal(config.embeddings?.model, 'nomic');
});
