import type { TestContext } from 'node:test';
import { z } from 'zod';
import { DEFAULT_LIMITS, type LlmConfig, type LlmLimits } from '../../../src/core/llm/config';
import { createLlmClient } from '../../../src/core/llm/create-client';
import { MemoryTokenLedger } from '../../../src/core/llm/ledger';
import type { LlmClient } from '../../../src/core/llm/types';
import { InstantClock } from '../../support/clocks';
import { startOpenAiServer, type ScriptedServer } from '../../support/openai-server';

export const API_KEY = 'sk-test-SECRET-0123456789abcdef';

export const skillSchema = z.object({
  name: z.string().min(1),
  steps: z.array(z.string()).min(1),
});

export const goodSkill = { name: 'run-tests', steps: ['npm test'] };

export interface Rig {
  server: ScriptedServer;
  clock: InstantClock;
  ledger: MemoryTokenLedger;
  logs: string[];
  client: LlmClient;
  config: LlmConfig;
}

/** A real server, the real openai client over HTTP, an instant clock (waits are recorded, not felt). */
export async function rig(t: TestContext, opts: { limits?: Partial<LlmLimits>; config?: Partial<LlmConfig> } = {}): Promise<Rig> {
  const server = await startOpenAiServer();
  t.after(() => server.close());
  const clock = new InstantClock();
  const ledger = new MemoryTokenLedger();
  const logs: string[] = [];
  const config: LlmConfig = {
    provider: 'openai',
    baseUrl: server.baseUrl,
    model: 'test-model',
    apiKey: API_KEY,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    maxOutputTokens: 512,
    ...opts.config,
  };
  const logger = { debug: (l: string) => logs.push(l), warn: (l: string) => logs.push(l) };
  const client = createLlmClient(config, { ledger, clock, random: () => 0.5, logger });
  return { server, clock, ledger, logs, client, config };
}

export function ask(client: LlmClient, extra: { signal?: AbortSignal; stage?: string } = {}) {
  return client.chatJson({
    stage: extra.stage ?? 'split',
    system: 'You turn a session into a skill outline.',
    user: 'The user ran the tests with npm test.',
    schema: skillSchema,
    signal: extra.signal,
  });
}

/** Resolves once `cond` holds, polling; fails the test after `ms`. */
export async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
