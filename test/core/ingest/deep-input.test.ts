import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest, listSessions } from '../../../src/core/ingest';
import type { JsonlReader, Reader } from '../../../src/core/transcripts/adapter';
import { READERS } from '../../../src/core/transcripts/registry';
import { claudeCodeLines, jsonl } from '../../support/session-lines';
import { openStore, tempDir } from './helpers';

/** A value `depth` arrays deep with a string (and a password field) at the bottom. */
function nested(depth: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

test('a tool input nested 3,000 levels deep is stored, its deep part redacted as text, and the next file is read', async () => {
  const dir = tempDir();
  const deepId = 'dee90000-0000-4000-8000-000000000001';
  const deep = claudeCodeLines({ sessionId: deepId, cwd: '/home/dev/app', exchanges: 1 });
  const use = JSON.parse(deep[1]!) as { message: { content: Array<{ input: unknown }> } };
  use.message.content[0]!.input = nested(3000, { password: 'Zq7-deep-hunter-value', note: 'bottom' });
  deep[1] = JSON.stringify(use);
  writeFileSync(join(dir, `a-${deepId}.jsonl`), jsonl(deep));
  const nextId = 'dee90000-0000-4000-8000-000000000002';
  writeFileSync(join(dir, `b-${nextId}.jsonl`), jsonl(claudeCodeLines({ sessionId: nextId, cwd: '/home/dev/app', exchanges: 1 })));

  const store = await openStore(dir);
  const r = await ingest(store, [dir]);
  const keys = listSessions(store).map((s) => s.key);
  assert.ok(keys.includes(`claude-code:${nextId}`), `the file after the deep one is read: ${JSON.stringify(r.problems)}`);
  // kept, with what lies below the depth limit stored as (redacted) text
  assert.ok(keys.includes(`claude-code:${deepId}`), `the deep session is stored: ${JSON.stringify(r.problems)}`);
  const bytes = JSON.stringify(listSessions(store));
  assert.doesNotMatch(bytes, /Zq7-deep-hunter-value/);
  await store.close();
});

test('a session whose redaction throws is reported naming its file, and the other files are still read', async () => {
  const dir = tempDir();
  const badId = 'dee90000-0000-4000-8000-000000000003';
  const bad = claudeCodeLines({ sessionId: badId, cwd: '/home/dev/app', exchanges: 1 });
  writeFileSync(join(dir, `a-${badId}.jsonl`), jsonl(bad));
  const nextId = 'dee90000-0000-4000-8000-000000000004';
  writeFileSync(join(dir, `b-${nextId}.jsonl`), jsonl(claudeCodeLines({ sessionId: nextId, cwd: '/home/dev/app', exchanges: 1 })));
  const store = await openStore(dir);
  // a reader that hands out a value JSON cannot hold (a reader bug): storing that session throws
  const readers = READERS.map((reader): Reader => {
    if (reader.kind !== 'jsonl' || reader.source !== 'claude-code') return reader;
    const j = reader as JsonlReader;
    return {
      ...j,
      finish: (state) =>
        j.finish(state).map((t) => (t.sessionId === badId ? { ...t, turns: t.turns.map((turn) => ({ ...turn, toolCalls: turn.toolCalls.map((c) => ({ ...c, input: { size: 10n } })) })) } : t)),
    };
  });
  const r = await ingest(store, [dir], { readers });
  const keys = listSessions(store).map((s) => s.key);
  assert.ok(keys.includes(`claude-code:${nextId}`));
  assert.ok(!keys.includes(`claude-code:${badId}`));
  const problem = r.problems.find((p) => p.file.includes(badId));
  assert.match(problem?.reason ?? '', /BigInt/);
  assert.equal(r.failed, 1);
  await store.close();
});
