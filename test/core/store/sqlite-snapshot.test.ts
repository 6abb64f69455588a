import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SkillsmithError } from '../../../src/core/errors';
import { readSqliteSnapshot, withWalApplied } from '../../../src/core/store/sqlite-snapshot';

// state.vscdb + state.vscdb-wal were written by the real sqlite3 (see make.sql beside them): four rows,
// of which one only exists in the WAL.
const WAL_FIXTURE = resolve(__dirname, '../../fixtures/transcripts/cursor/wal');

function copyFixture(withWal: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'skillsmith-snapshot-test-'));
  copyFileSync(join(WAL_FIXTURE, 'state.vscdb'), join(dir, 'state.vscdb'));
  if (withWal) copyFileSync(join(WAL_FIXTURE, 'state.vscdb-wal'), join(dir, 'state.vscdb-wal'));
  return join(dir, 'state.vscdb');
}

const keys = (path: string) =>
  readSqliteSnapshot(path, (db) => (db.exec('SELECT key FROM cursorDiskKV ORDER BY key')[0]?.values ?? []).map((r) => r[0]));

test('committed WAL frames are part of the snapshot, as SQLite itself reads them', async () => {
  assert.deepEqual(await keys(copyFixture(false)), ['bubbleId:c-wal:b1', 'bubbleId:c-wal:b2', 'composerData:c-wal']);
  assert.deepEqual(await keys(copyFixture(true)), ['bubbleId:c-wal:b1', 'bubbleId:c-wal:b2', 'bubbleId:c-wal:b3', 'composerData:c-wal']);
});

test('a WAL whose header checksum is wrong is ignored, not half-applied', () => {
  const db = readFileSync(join(WAL_FIXTURE, 'state.vscdb'));
  const wal = Buffer.from(readFileSync(join(WAL_FIXTURE, 'state.vscdb-wal')));
  wal[24] ^= 0xff;
  const image = withWalApplied(db, wal);
  assert.deepEqual(Buffer.from(image.subarray(100)), db.subarray(100));
  assert.equal(image[18], 1, 'marked as a rollback-journal database');
});

test('the temp copy is removed and the originals are left as they were', async () => {
  const path = copyFixture(true);
  const before = [readFileSync(path), readFileSync(`${path}-wal`)];
  const scratch = mkdtempSync(join(tmpdir(), 'skillsmith-tmp-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  try {
    await keys(path);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  assert.deepEqual(readdirSync(scratch), []);
  assert.deepEqual([readFileSync(path), readFileSync(`${path}-wal`)], before);
  assert.deepEqual(readdirSync(join(path, '..')).sort(), ['state.vscdb', 'state.vscdb-wal']);
});

test('a missing file or a non-database is a SkillsmithError naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skillsmith-snapshot-test-'));
  await assert.rejects(keys(join(dir, 'absent.db')), (e: unknown) => e instanceof SkillsmithError && e.where === join(dir, 'absent.db'));
  mkdirSync(join(dir, 'x'));
  writeFileSync(join(dir, 'x', 'junk.db'), 'not sqlite at all, just text that is long enough to look like something');
  await assert.rejects(keys(join(dir, 'x', 'junk.db')), (e: unknown) => e instanceof SkillsmithError && /not a readable SQLite database/.test(e.message));
});
