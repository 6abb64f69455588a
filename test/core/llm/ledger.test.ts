import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTokenLedger, type TokenLedger } from '../../../src/core/llm/ledger';
import { StoreTokenLedger } from '../../../src/core/llm/store-ledger';
import { createLlmClient } from '../../../src/core/llm/create-client';
import { DEFAULT_LIMITS } from '../../../src/core/llm/config';
import { StateStore } from '../../../src/core/store/database';
import { InstantClock } from '../../support/clocks';
import { reply, startOpenAiServer } from '../../support/openai-server';
import { goodSkill, skillSchema } from './helpers';

/** The same checks run against every ledger implementation. */
function ledgerContract(kind: string, make: () => Promise<{ ledger: TokenLedger; done?: () => Promise<void> }>): void {
  test(`${kind}: totals per stage, model and day`, async () => {
    const { ledger, done } = await make();
    const day1 = new Date('2025-03-01T10:00:00Z');
    const day1Late = new Date('2025-03-01T23:59:59.999Z');
    const day2 = new Date('2025-03-02T00:00:00Z');
    ledger.record({ stage: 'split', model: 'a', inputTokens: 100, outputTokens: 10, at: day1 });
    ledger.record({ stage: 'split', model: 'a', inputTokens: 50, outputTokens: 5, at: day1Late });
    ledger.record({ stage: 'route', model: 'a', inputTokens: 7, outputTokens: 1, at: day1 });
    ledger.record({ stage: 'split', model: 'b', inputTokens: 1000, outputTokens: 0, at: day2 });

    assert.deepEqual(ledger.totals(), { inputTokens: 1157, outputTokens: 16, calls: 4 });
    assert.deepEqual(ledger.totals({ stage: 'split' }), { inputTokens: 1150, outputTokens: 15, calls: 3 });
    assert.deepEqual(ledger.totals({ model: 'a' }), { inputTokens: 157, outputTokens: 16, calls: 3 });
    assert.deepEqual(ledger.totals({ day: '2025-03-01' }), { inputTokens: 157, outputTokens: 16, calls: 3 });
    assert.deepEqual(ledger.totals({ stage: 'split', model: 'a', day: '2025-03-01' }), { inputTokens: 150, outputTokens: 15, calls: 2 });
    assert.deepEqual(ledger.totals({ from: '2025-03-02' }), { inputTokens: 1000, outputTokens: 0, calls: 1 });
    assert.deepEqual(ledger.totals({ to: '2025-03-01', stage: 'route' }), { inputTokens: 7, outputTokens: 1, calls: 1 });
    assert.deepEqual(ledger.totals({ stage: 'write' }), { inputTokens: 0, outputTokens: 0, calls: 0 });
    assert.deepEqual(ledger.rows(), [
      { day: '2025-03-01', stage: 'route', model: 'a', inputTokens: 7, outputTokens: 1, calls: 1 },
      { day: '2025-03-01', stage: 'split', model: 'a', inputTokens: 150, outputTokens: 15, calls: 2 },
      { day: '2025-03-02', stage: 'split', model: 'b', inputTokens: 1000, outputTokens: 0, calls: 1 },
    ]);
    await done?.();
  });

  test(`${kind}: entries that are not whole, non-negative token counts are refused`, async () => {
    const { ledger, done } = await make();
    const at = new Date('2025-03-01T00:00:00Z');
    assert.throws(() => ledger.record({ stage: 'split', model: 'a', inputTokens: -1, outputTokens: 0, at }), /stage "split": inputTokens must be a whole number ≥ 0 \(got -1\)/);
    assert.throws(() => ledger.record({ stage: 'split', model: 'a', inputTokens: 1, outputTokens: 1.5, at }), /outputTokens must be a whole number/);
    assert.throws(() => ledger.record({ stage: 'split', model: 'a', inputTokens: 1, outputTokens: 1, at: new Date('nope') }), /invalid date/);
    assert.deepEqual(ledger.totals(), { inputTokens: 0, outputTokens: 0, calls: 0 });
    await done?.();
  });
}

function tempStatePath(): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'skillsmith-ledger-'));
  return { path: join(dir, 'state.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

ledgerContract('memory', async () => ({ ledger: new MemoryTokenLedger() }));

ledgerContract('state store', async () => {
  const { path, cleanup } = tempStatePath();
  const store = await StateStore.open(path);
  return {
    ledger: new StoreTokenLedger(store),
    done: async () => {
      await store.close();
      cleanup();
    },
  };
});

test('state store: the ledger survives closing and reopening the file', async (t) => {
  const { path, cleanup } = tempStatePath();
  const first = await StateStore.open(path);
  new StoreTokenLedger(first).record({ stage: 'write', model: 'm', inputTokens: 40, outputTokens: 9, at: new Date('2025-05-05T05:00:00Z') });
  await first.close();

  const again = await StateStore.open(path);
  t.after(async () => {
    await again.close();
    cleanup();
  });
  const ledger = new StoreTokenLedger(again);
  ledger.record({ stage: 'write', model: 'm', inputTokens: 2, outputTokens: 1, at: new Date('2025-05-05T06:00:00Z') });
  assert.deepEqual(ledger.rows(), [{ day: '2025-05-05', stage: 'write', model: 'm', inputTokens: 42, outputTokens: 10, calls: 2 }]);
});

test('state store: real calls through the server land in token_ledger', async (t) => {
  const { path, cleanup } = tempStatePath();
  const server = await startOpenAiServer();
  const store = await StateStore.open(path);
  t.after(async () => {
    await server.close();
    await store.close();
    cleanup();
  });
  const config = { provider: 'openai' as const, baseUrl: server.baseUrl, model: 'm', limits: DEFAULT_LIMITS, maxOutputTokens: 100 };
  const client = createLlmClient(config, { ledger: new StoreTokenLedger(store), clock: new InstantClock(Date.UTC(2025, 6, 4, 9)) });
  server.enqueue(reply.json(goodSkill, { usage: { prompt_tokens: 300, completion_tokens: 20 } }), reply.json(goodSkill, { usage: { prompt_tokens: 310, completion_tokens: 22 } }));

  await client.chatJson({ stage: 'split', system: 's', user: 'u', schema: skillSchema });
  await client.chatJson({ stage: 'split', system: 's', user: 'u', schema: skillSchema });

  assert.deepEqual(store.all('SELECT day, stage, model, input_tokens, output_tokens, calls FROM token_ledger'), [
    { day: '2025-07-04', stage: 'split', model: 'm', input_tokens: 610, output_tokens: 42, calls: 2 },
  ]);
});

test('a ledger that cannot write does not fail (or repeat) a call that succeeded', async (t) => {
  const { path, cleanup } = tempStatePath();
  const server = await startOpenAiServer();
  const store = await StateStore.open(path);
  await store.close(); // the ledger now throws on every write
  t.after(async () => {
    await server.close();
    cleanup();
  });
  const warnings: string[] = [];
  const config = { provider: 'openai' as const, baseUrl: server.baseUrl, model: 'm', limits: DEFAULT_LIMITS, maxOutputTokens: 100 };
  const client = createLlmClient(config, { ledger: new StoreTokenLedger(store), logger: { debug: () => {}, warn: (l) => warnings.push(l) } });
  server.enqueue(reply.json(goodSkill, { usage: { prompt_tokens: 5, completion_tokens: 6 } }));

  const result = await client.chatJson({ stage: 'split', system: 's', user: 'u', schema: skillSchema });

  assert.deepEqual(result.value, goodSkill);
  assert.equal(server.requests.length, 1);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^LLM "split": could not record 11 tokens in the ledger: state store .* is closed$/);
});
