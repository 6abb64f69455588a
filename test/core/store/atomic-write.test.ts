import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StateStore } from '../../../src/core/store/database';
import { writeFileAtomic } from '../../../src/core/store/atomic-write';
import { diskRows, sleep, tempHome } from './helpers';

const CHILD = resolve(__dirname, '../../fixtures/store/store-child.ts');

test('writeFileAtomic replaces the whole file and leaves nothing beside it', async () => {
  const dir = tempHome();
  const target = join(dir, 'state.db');
  writeFileSync(target, 'old content that is longer than the new one');
  await writeFileAtomic(target, Buffer.from('new'));
  assert.equal(readFileSync(target, 'utf8'), 'new');
  assert.deepEqual(readdirSync(dir), ['state.db']);
});

test('a write that cannot land removes its temp file and leaves the target as it was', async () => {
  const dir = tempHome();
  const target = join(dir, 'state.db');
  mkdirSync(target); // a folder where the file should go: the rename fails after the temp file is complete
  writeFileSync(join(target, 'inside'), 'untouched');
  await assert.rejects(writeFileAtomic(target, Buffer.from('new')));
  assert.deepEqual(readdirSync(dir), ['state.db']);
  assert.equal(readFileSync(join(target, 'inside'), 'utf8'), 'untouched');
});

test('a temp file left by a crashed write is ignored and cleaned at open; the target is intact', async () => {
  const dir = tempHome();
  const path = join(dir, 'state.db');
  const store = await StateStore.open(path);
  store.run('CREATE TABLE items (label TEXT)');
  store.run("INSERT INTO items VALUES ('saved')");
  await store.close();
  // What a crash between writing the temp file and renaming it leaves: a partial temp beside the target.
  const leftover = join(dir, 'state.db.tmp-99999-deadbeef');
  writeFileSync(leftover, readFileSync(path).subarray(0, 1000));
  const reopened = await StateStore.open(path);
  assert.deepEqual(reopened.notices, []);
  assert.deepEqual(reopened.all('SELECT label FROM items'), [{ label: 'saved' }]);
  assert.deepEqual(readdirSync(dir).sort(), ['state.db', 'state.db.lock']);
  await reopened.close();
});

test('killing a process in the middle of its writes never leaves a torn or mixed state file', async () => {
  const path = join(tempHome(), 'state.db');
  for (let round = 0; round < 4; round++) {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'churn', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((ok, fail) => {
      child.stdout.on('data', (d) => String(d).includes('ready') && ok());
      child.on('exit', () => fail(new Error(`child exited before writing: ${stderr}`)));
    });
    await sleep(50 + round * 70); // land the kill at different points of the write cycle
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const onDisk = await diskRows<{ n: number; rows: number; bytes: number; distinct_n: number }>(
      path,
      'SELECT min(n) AS n, count(*) AS rows, sum(length(payload)) AS bytes, count(DISTINCT n) AS distinct_n FROM gen',
    );
    assert.deepEqual({ ...onDisk[0], n: 0 }, { n: 0, rows: 50, bytes: 50 * 64 * 1024, distinct_n: 1 }, `round ${round}`);
    // The next open takes over the dead process's lock and clears its temp file without complaint.
    const store = await StateStore.open(path);
    assert.deepEqual(store.notices, []);
    assert.equal(readdirSync(resolve(path, '..')).filter((n) => n.includes('.tmp-')).length, 0);
    await store.close();
  }
});
