import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { StateStore } from '../../../src/core/store/database';
import { MIGRATIONS, type Migration } from '../../../src/core/store/migrations';
import { diskRows, tempHome } from './helpers';

const withNotes: Migration = { version: 2, name: 'notes', up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)' };

test('a new store applies migration 1 once: meta marks it as ours at the latest version', async () => {
  const path = join(tempHome(), 'state.db');
  const store = await StateStore.open(path);
  assert.equal(store.schemaVersion, MIGRATIONS.length);
  assert.deepEqual(store.notices, []);
  const meta = Object.fromEntries(store.all<{ key: string; value: string }>('SELECT key, value FROM meta').map((r) => [r.key, r.value]));
  assert.equal(meta.app, 'skillsmith');
  assert.equal(meta.schema_version, String(MIGRATIONS.length));
  assert.match(meta.created_at, /^\d{4}-\d\d-\d\dT/);
  await store.close();
  // On disk too, without going through the store.
  assert.deepEqual(await diskRows(path, "SELECT value FROM meta WHERE key = 'schema_version'"), [{ value: String(MIGRATIONS.length) }]);
});

test('migrations run in order, each once, and reopening keeps data', async () => {
  const path = join(tempHome(), 'state.db');
  const order: number[] = [];
  const tracked: Migration[] = [
    { ...MIGRATIONS[0], up: (db) => { order.push(1); db.run(MIGRATIONS[0].up as string); } },
    { version: 2, name: 'a', up: (db) => { order.push(2); db.run('CREATE TABLE a (x INTEGER)'); } },
    { version: 3, name: 'b needs a', up: (db) => { order.push(3); db.run('ALTER TABLE a ADD COLUMN y TEXT'); } },
  ];
  const first = await StateStore.open(path, { migrations: tracked });
  assert.deepEqual(order, [1, 2, 3]);
  assert.equal(first.schemaVersion, 3);
  first.run('INSERT INTO a (x, y) VALUES (?, ?)', [7, 'seven']);
  await first.close();

  const second = await StateStore.open(path, { migrations: tracked });
  assert.deepEqual(order, [1, 2, 3], 'nothing re-ran on reopen');
  assert.equal(second.writeCount, 0, 'an up-to-date file is not rewritten at open');
  assert.deepEqual(second.all('SELECT x, y FROM a'), [{ x: 7, y: 'seven' }]);
  await second.close();
});

test('a migration appended later applies on reopen and keeps existing rows', async () => {
  const path = join(tempHome(), 'state.db');
  const before = await StateStore.open(path, { migrations: [MIGRATIONS[0]] });
  before.run("INSERT INTO meta (key, value) VALUES ('probe', 'kept')");
  await before.close();

  const after = await StateStore.open(path, { migrations: [MIGRATIONS[0], withNotes] });
  assert.equal(after.schemaVersion, 2);
  after.run('INSERT INTO notes (body) VALUES (?)', ['hello']);
  assert.deepEqual(after.get("SELECT value FROM meta WHERE key = 'probe'"), { value: 'kept' });
  await after.close();
  assert.deepEqual(await diskRows(path, "SELECT value FROM meta WHERE key = 'schema_version'"), [{ value: '2' }]);
  assert.deepEqual(await diskRows(path, 'SELECT body FROM notes'), [{ body: 'hello' }]);
});

test('a failing migration is reported by number and name, and the file stays at the last good version', async () => {
  const path = join(tempHome(), 'state.db');
  await (await StateStore.open(path, { migrations: [MIGRATIONS[0]] })).close();
  const broken: Migration = { version: 2, name: 'broken', up: 'CREATE TABLE ok (x); INSERT INTO missing VALUES (1)' };
  await assert.rejects(StateStore.open(path, { migrations: [MIGRATIONS[0], broken] }), /migration 2 \("broken"\) failed: no such table: missing/);
  assert.deepEqual(await diskRows(path, "SELECT value FROM meta WHERE key = 'schema_version'"), [{ value: '1' }]);
  assert.deepEqual(await diskRows(path, "SELECT name FROM sqlite_master WHERE name = 'ok'"), [], 'the half-done step was rolled back');
  // The failed open released the file: a correct list opens it.
  const store = await StateStore.open(path, { migrations: [MIGRATIONS[0], withNotes] });
  assert.equal(store.schemaVersion, 2);
  await store.close();
});

test('a list not numbered 1, 2, 3… is refused before touching the file', async () => {
  const path = join(tempHome(), 'state.db');
  const gap: Migration[] = [MIGRATIONS[0], { ...withNotes, version: 3 }];
  await assert.rejects(StateStore.open(path, { migrations: gap }), /numbered 1, 2, 3… in order: entry 2 \("notes"\) has version 3/);
  const duplicate: Migration[] = [MIGRATIONS[0], withNotes, { ...withNotes, name: 'other' }];
  await assert.rejects(StateStore.open(path, { migrations: duplicate }), /entry 3 \("other"\) has version 2/);
});

test('the shipped list is well formed and starts with the bookkeeping table only', () => {
  MIGRATIONS.forEach((m, i) => assert.equal(m.version, i + 1));
  assert.match(String(MIGRATIONS[0].up), /CREATE TABLE meta/);
  assert.equal((String(MIGRATIONS[0].up).match(/CREATE TABLE/g) ?? []).length, 1);
});
