import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { StateStore } from '../../../src/core/store/database';
import { writeFileAtomic, type FileWriter } from '../../../src/core/store/atomic-write';
import { diskRows, sleep, tempHome } from './helpers';

const CHILD = resolve(__dirname, '../../fixtures/store/store-child.ts');

async function storeWithTable(writeDelayMs?: number): Promise<{ store: StateStore; path: string }> {
  const path = join(tempHome(), 'state.db');
  const store = await StateStore.open(path, { writeDelayMs });
  store.run('CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)');
  await store.flush();
  return { store, path };
}

test('a burst of 1,000 run calls is one file write on flush', async () => {
  const { store, path } = await storeWithTable(60_000);
  const before = store.writeCount;
  for (let i = 0; i < 1000; i++) store.run('INSERT INTO items (label) VALUES (?)', [`item ${i}`]);
  assert.equal(store.writeCount, before, 'nothing written synchronously');
  await store.flush();
  assert.equal(store.writeCount, before + 1);
  assert.deepEqual(await diskRows(path, 'SELECT count(*) AS n FROM items'), [{ n: 1000 }]);
  await store.flush();
  assert.equal(store.writeCount, before + 1, 'a flush with nothing pending writes nothing');
  await store.close();
});

test('without flush, the burst goes out in one write once the delay has passed', async () => {
  const { store, path } = await storeWithTable(50);
  const before = store.writeCount;
  for (let i = 0; i < 1000; i++) store.run('INSERT INTO items (label) VALUES (?)', [`item ${i}`]);
  await sleep(400);
  assert.equal(store.writeCount, before + 1);
  assert.deepEqual(await diskRows(path, 'SELECT count(*) AS n FROM items'), [{ n: 1000 }]);
  await store.close();
  assert.equal(store.writeCount, before + 1, 'close had nothing left to write');
});

test('changes made while a write is in flight are written by the next one', async () => {
  let release: () => void = () => undefined;
  let writes = 0;
  const slowWriter: FileWriter = async (p, data) => {
    if (++writes === 2) await new Promise<void>((r) => (release = r));
    await writeFileAtomic(p, data);
  };
  const path = join(tempHome(), 'state.db');
  const store = await StateStore.open(path, { writer: slowWriter, writeDelayMs: 60_000 });
  store.run('CREATE TABLE items (label TEXT)');
  const first = store.flush();
  await sleep(20);
  store.run("INSERT INTO items VALUES ('during')");
  const second = store.flush();
  release();
  await Promise.all([first, second]);
  assert.deepEqual(await diskRows(path, 'SELECT label FROM items'), [{ label: 'during' }]);
  assert.equal(store.writeCount, 3);
  await store.close();
});

test('a failed write loses nothing: flush reports it, the file keeps the last good state, a retry saves', async () => {
  let failNext = false;
  const flaky: FileWriter = async (p, data) => {
    if (failNext) {
      failNext = false;
      throw new Error('disk full');
    }
    await writeFileAtomic(p, data);
  };
  const path = join(tempHome(), 'state.db');
  const store = await StateStore.open(path, { writer: flaky, writeDelayMs: 60_000 });
  store.run('CREATE TABLE items (label TEXT)');
  store.run("INSERT INTO items VALUES ('one')");
  await store.flush();
  store.run("INSERT INTO items VALUES ('two')");
  failNext = true;
  await assert.rejects(store.flush(), /disk full/);
  assert.deepEqual(await diskRows(path, 'SELECT label FROM items'), [{ label: 'one' }]);
  await store.close();
  assert.deepEqual(await diskRows(path, 'SELECT label FROM items ORDER BY label'), [{ label: 'one' }, { label: 'two' }]);
});

test('a background write that fails is reported through onNotice and retried on close', async () => {
  let failing = false;
  const writer: FileWriter = async (p, data) => {
    if (failing) throw new Error('EIO');
    await writeFileAtomic(p, data);
  };
  const notices: string[] = [];
  const path = join(tempHome(), 'state.db');
  const store = await StateStore.open(path, { writer, writeDelayMs: 20, onNotice: (m) => notices.push(m) });
  failing = true;
  store.run('CREATE TABLE items (label TEXT)');
  await sleep(200);
  assert.equal(notices.length, 1);
  assert.match(notices[0], /Could not save .*state\.db: EIO; will retry/);
  assert.deepEqual(store.notices, notices);
  failing = false;
  await store.close();
  assert.deepEqual(await diskRows(path, "SELECT name FROM sqlite_master WHERE name = 'items'"), [{ name: 'items' }]);
});

test('changes through all()/get() (INSERT … RETURNING) are saved too', async () => {
  const { store, path } = await storeWithTable(60_000);
  const row = store.get<{ id: number }>("INSERT INTO items (label) VALUES ('returned') RETURNING id");
  assert.equal(row?.id, 1);
  await store.close();
  assert.deepEqual(await diskRows(path, 'SELECT label FROM items'), [{ label: 'returned' }]);
});

test('transaction commits as a whole, rolls back on throw, nests, and refuses async functions', async () => {
  const { store, path } = await storeWithTable(60_000);
  const n = store.transaction(() => {
    store.run("INSERT INTO items (label) VALUES ('a')");
    assert.throws(() =>
      store.transaction(() => {
        store.run("INSERT INTO items (label) VALUES ('inner, undone')");
        throw new Error('inner fails');
      }),
    );
    store.run("INSERT INTO items (label) VALUES ('b')");
    return 2;
  });
  assert.equal(n, 2);
  assert.throws(() =>
    store.transaction(() => {
      store.run("INSERT INTO items (label) VALUES ('undone')");
      throw new Error('boom');
    }),
  /boom/);
  assert.throws(() => store.transaction(async () => undefined), /synchronous/);
  await store.close();
  assert.deepEqual(await diskRows(path, 'SELECT label FROM items ORDER BY id'), [{ label: 'a' }, { label: 'b' }]);
});

test('a pending write does not keep the process alive, and a process that runs out of work still saves', async () => {
  const path = join(tempHome(), 'state.db');
  // The child inserts with a one-hour write delay and never calls flush or close.
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, 'insert-and-leave', path], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.signal, null, `the child hung: ${r.stderr}`);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(await diskRows(path, 'SELECT count(*) AS n FROM items'), [{ n: 3 }]);
});

test('after close the store refuses work, and a second close is harmless', async () => {
  const { store } = await storeWithTable();
  await store.close();
  await store.close();
  assert.throws(() => store.run('SELECT 1'), /closed/);
  assert.throws(() => store.all('SELECT 1'), /closed/);
});
