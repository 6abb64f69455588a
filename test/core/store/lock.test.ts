import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { StateStore } from '../../../src/core/store/database';
import { StateLockedError } from '../../../src/core/store/lock';
import { processStartTime } from '../../../src/core/store/process-identity';
import { tempHome } from './helpers';

const CHILD = resolve(__dirname, '../../fixtures/store/store-child.ts');

test('the same file cannot be opened twice for writing in one process', async () => {
  const path = join(tempHome(), 'state.db');
  const store = await StateStore.open(path);
  await assert.rejects(StateStore.open(path), /already open in this process/);
  const viewer = await StateStore.open(path, { readOnly: true });
  assert.equal(viewer.schemaVersion, store.schemaVersion);
  await viewer.close();
  await store.close();
  await (await StateStore.open(path)).close(); // free again after close
});

test('a file held by another live process is refused, naming the process; read-only still works', async () => {
  const path = join(tempHome(), 'state.db');
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'hold', path], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((ok, fail) => {
      child.stdout.on('data', (d) => String(d).includes('ready') && ok());
      child.on('exit', (code) => fail(new Error(`holder exited early (${code})`)));
    });
    await assert.rejects(StateStore.open(path), (e: unknown) => {
      assert.ok(e instanceof StateLockedError);
      assert.equal(e.holder?.pid, child.pid);
      assert.match(e.describe(), new RegExp(`state\\.db: is in use by another Skillsmith process \\(pid ${child.pid} on `));
      assert.match(e.describe(), /delete .*state\.db\.lock/);
      return true;
    });
    const viewer = await StateStore.open(path, { readOnly: true });
    assert.deepEqual(viewer.notices, []);
    await viewer.close();
  } finally {
    child.stdin.end();
    await new Promise((r) => child.once('exit', r));
  }
  assert.ok(!existsSync(`${path}.lock`), 'the holder released the lock on close');
  await (await StateStore.open(path)).close();
});

test('a lock left by a process that no longer runs is taken over', async () => {
  const path = join(tempHome(), 'state.db');
  const dead = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => dead.once('exit', r));
  writeFileSync(`${path}.lock`, JSON.stringify({ pid: dead.pid, thread: 0, host: hostname(), since: '2020-01-01T00:00:00.000Z', token: 'old' }));
  const store = await StateStore.open(path);
  assert.equal(JSON.parse(readFileSync(`${path}.lock`, 'utf8')).pid, process.pid);
  await store.close();
  assert.ok(!existsSync(`${path}.lock`));
});

test('a lock from another machine is respected, since its process cannot be checked', async () => {
  const path = join(tempHome(), 'state.db');
  writeFileSync(`${path}.lock`, JSON.stringify({ pid: 1, thread: 0, host: `not-${hostname()}`, since: '2020-01-01T00:00:00.000Z', token: 'x' }));
  await assert.rejects(StateStore.open(path), StateLockedError);
  assert.ok(existsSync(`${path}.lock`), 'left for its owner');
});

test('an empty lock left behind is stale once its grace period has passed', async () => {
  const path = join(tempHome(), 'state.db');
  writeFileSync(`${path}.lock`, '');
  const then = new Date(Date.now() - 60_000);
  utimesSync(`${path}.lock`, then, then);
  const store = await StateStore.open(path);
  assert.equal(JSON.parse(readFileSync(`${path}.lock`, 'utf8')).pid, process.pid);
  await store.close();
});

test('a fresh empty lock is given its grace period before it is taken over', async () => {
  const path = join(tempHome(), 'state.db');
  writeFileSync(`${path}.lock`, '');
  const writer = setTimeout(() => {
    // the other process finishes writing who it is, and still runs
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.ppid, thread: 0, host: hostname(), since: new Date().toISOString(), token: 'other' }));
  }, 100);
  try {
    await assert.rejects(StateStore.open(path), (e: unknown) => e instanceof StateLockedError && e.holder?.pid === process.ppid);
  } finally {
    clearTimeout(writer);
  }
});

test('a lock naming a live pid with another start time was left by a process now gone and is taken over', async (t) => {
  const path = join(tempHome(), 'state.db');
  const parentStart = processStartTime(process.ppid);
  if (parentStart === undefined) return t.skip('process start times cannot be read on this system');
  const lock = { pid: process.ppid, thread: 0, host: hostname(), since: '2020-01-01T00:00:00.000Z', token: 'old' };
  writeFileSync(`${path}.lock`, JSON.stringify({ ...lock, started: parentStart }));
  await assert.rejects(StateStore.open(path), StateLockedError);

  writeFileSync(`${path}.lock`, JSON.stringify({ ...lock, started: `${parentStart}-earlier` }));
  const store = await StateStore.open(path);
  const mine = JSON.parse(readFileSync(`${path}.lock`, 'utf8'));
  assert.equal(mine.pid, process.pid);
  assert.equal(mine.started, processStartTime(process.pid));
  await store.close();
});
