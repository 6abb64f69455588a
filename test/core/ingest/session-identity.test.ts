import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest, listSessions, loadTrajectory } from '../../../src/core/ingest';
import { StateStore } from '../../../src/core/store/database';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { claudeCodeLines, jsonl } from '../../support/session-lines';
import { openStore, tempDir } from './helpers';

const ID = 'a7c3e9f1-0000-4000-8000-000000000042';

/** The full session in one folder and a copy cut after its first two exchanges in another. */
function fullAndTruncated(): { full: string; truncated: string } {
  const dir = tempDir();
  const lines = claudeCodeLines({ sessionId: ID, cwd: '/home/dev/shop', exchanges: 6 });
  const full = join(dir, 'project', `${ID}.jsonl`);
  const truncated = join(dir, 'backup', `${ID}.jsonl`);
  mkdirSync(join(dir, 'project'));
  mkdirSync(join(dir, 'backup'));
  writeFileSync(full, jsonl(lines));
  writeFileSync(truncated, jsonl(lines.slice(0, 8)));
  return { full, truncated };
}

test('a truncated copy of a session in another file never replaces the fuller stored one, whichever is read first', async () => {
  for (const order of ['full first', 'truncated first'] as const) {
    const { full, truncated } = fullAndTruncated();
    const store = await openStore();
    const paths = order === 'full first' ? [full, truncated] : [truncated, full];
    for (const p of paths) await ingest(store, [p]);
    const sessions = listSessions(store);
    assert.equal(sessions.length, 1, `${order}: one session`);
    assert.equal(sessions[0].turns, 12, `${order}: the full session's 12 turns are stored`);
    assert.equal(sessions[0].path, full, order);
    const again = await ingest(store, [full, truncated]);
    assert.deepEqual(again.sessions.map((s) => s.status), ['unchanged'], order);
    assert.equal(listSessions(store)[0].turns, 12);
    await store.close();
  }
});

test('two different sessions that share an id in two files are both stored, neither overwrites the other', async () => {
  const dir = tempDir();
  const a = join(dir, 'one', 'test-session-123.jsonl');
  const b = join(dir, 'two', 'test-session-123.jsonl');
  mkdirSync(join(dir, 'one'));
  mkdirSync(join(dir, 'two'));
  writeFileSync(a, jsonl(claudeCodeLines({ sessionId: 'test-session-123', cwd: '/home/dev/shop', exchanges: 3 })));
  writeFileSync(b, jsonl(claudeCodeLines({ sessionId: 'test-session-123', cwd: '/home/dev/blog', exchanges: 5, padding: 3 })));
  const store = await openStore();
  const first = await ingest(store, [a, b]);
  assert.equal(first.new, 2);
  const sessions = listSessions(store).sort((x, y) => x.turns - y.turns);
  assert.deepEqual(sessions.map((s) => [s.path, s.turns]), [[a, 6], [b, 10]]);
  assert.notEqual(sessions[0].key, sessions[1].key);
  // each key leads to its own content, and the atoms the pipeline makes carry that key
  for (const s of sessions) assert.equal(loadTrajectory(store, s.key)?.workspace, s.path === a ? '/home/dev/shop' : '/home/dev/blog');
  const again = await ingest(store, [b, a]);
  assert.equal(again.unchanged, 2);
  assert.equal(listSessions(store).length, 2);
  await store.close();
});

test('migration 9: a home where the old ingest let a truncated copy replace a session gets the fuller session back on the next ingest', async () => {
  const { full, truncated } = fullAndTruncated();
  const dir = tempDir();
  const path = join(dir, 'state.db');
  // today's store (schema 8) as the old ingest left it: both files recorded as read, the session holding
  // the truncated copy's content and path
  const old = await StateStore.open(path, { migrations: MIGRATIONS.filter((m) => m.version <= 8) });
  await ingest(old, [full, truncated]);
  const alone = await openStore();
  await ingest(alone, [truncated]);
  const cut = alone.get<Record<string, unknown>>('SELECT * FROM sessions')!;
  await alone.close();
  old.run('UPDATE sessions SET path = ?, turns = ?, user_turns = ?, tool_calls = ?, content_hash = ?, trajectory = ? WHERE key = ?', [
    truncated,
    cut.turns as number,
    cut.user_turns as number,
    cut.tool_calls as number,
    cut.content_hash as string,
    cut.trajectory as Uint8Array,
    cut.key as string,
  ]);
  assert.equal(listSessions(old)[0].turns, 4, 'the damaged state: the truncated copy is stored');
  await old.close();

  const store = await StateStore.open(path);
  assert.equal(store.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")?.value, String(MIGRATIONS.length));
  await ingest(store, [full, truncated]);
  const sessions = listSessions(store);
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0].turns, 12, 'the fuller file was read again and its session restored');
  assert.equal(sessions[0].path, full);
  await store.close();
});
