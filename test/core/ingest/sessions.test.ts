import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest, listSessions, loadTrajectory, type StoredSession } from '../../../src/core/ingest';
import { claudeCodeLines, codexLines, jsonl } from '../../support/session-lines';
import { openStore, tempDir } from './helpers';

test('listSessions gives every column but the trajectory, oldest first, and filters by workspace folder', async () => {
  const dir = tempDir();
  const claude = join(dir, 'c.jsonl');
  writeFileSync(claude, jsonl(claudeCodeLines({ sessionId: '22220000-0000-4000-8000-000000000001', cwd: '/w/api', exchanges: 2, start: '2026-10-05T09:00:00.000Z' })));
  const codex = join(dir, 'rollout-x.jsonl');
  writeFileSync(codex, jsonl(codexLines({ sessionId: '0199e000-0000-7000-8000-000000000001', cwd: '/w/api/web', exchanges: 1, start: '2026-10-01T09:00:00.000Z' })));
  const other = join(dir, 'o.jsonl');
  writeFileSync(other, jsonl(claudeCodeLines({ sessionId: '22220000-0000-4000-8000-000000000003', cwd: '/w/api-old', exchanges: 1, start: '2026-10-09T09:00:00.000Z' })));
  const store = await openStore(dir);
  await ingest(store, [dir]);

  const all = listSessions(store);
  assert.deepEqual(all.map((s) => s.key), ['codex:0199e000-0000-7000-8000-000000000001', 'claude-code:22220000-0000-4000-8000-000000000001', 'claude-code:22220000-0000-4000-8000-000000000003']);
  const first = all[1]!;
  const expected: Omit<StoredSession, 'contentHash' | 'updatedAt'> = {
    key: 'claude-code:22220000-0000-4000-8000-000000000001',
    source: 'claude-code',
    format: 'claude-code-jsonl',
    sessionId: '22220000-0000-4000-8000-000000000001',
    path: claude,
    workspace: '/w/api',
    model: 'claude-sonnet-4-5',
    startedAt: '2026-10-05T09:01:00.000Z',
    endedAt: '2026-10-05T09:08:00.000Z',
    turns: 4,
    userTurns: 2,
    toolCalls: 2,
  };
  const { contentHash, updatedAt, ...rest } = first;
  assert.deepEqual(rest, expected);
  assert.match(contentHash, /^[0-9a-f]{64}$/);
  assert.ok(!Number.isNaN(Date.parse(updatedAt)));
  assert.equal('trajectory' in first, false);

  assert.deepEqual(listSessions(store, { workspace: '/w/api' }).map((s) => s.workspace), ['/w/api/web', '/w/api']);
  assert.deepEqual(listSessions(store, { workspace: '/w/api/web' }).map((s) => s.workspace), ['/w/api/web']);
  assert.deepEqual(listSessions(store, { workspace: '/nowhere' }), []);

  const t = loadTrajectory(store, first.key)!;
  assert.equal(t.sessionId, first.sessionId);
  assert.equal(t.turns.length, 4);
  assert.equal(loadTrajectory(store, 'claude-code:no-such-session'), undefined);
  await store.close();
});
