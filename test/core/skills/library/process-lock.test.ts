import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withProcessLock } from '../../../../src/core/skills/library/process-lock';
import { processStartTime } from '../../../../src/core/store/process-identity';
import { tempDir } from './helpers';

function age(path: string, seconds: number): void {
  const then = new Date(Date.now() - seconds * 1000);
  utimesSync(path, then, then);
}

test('an empty library lock left behind is stale once its grace period has passed', async () => {
  const lockPath = join(tempDir(), 'skillsmith.lock');
  writeFileSync(lockPath, '');
  age(lockPath, 60);
  assert.equal(await withProcessLock(lockPath, async () => 'ran', 150), 'ran');
});

test('an unparsable library lock left behind is stale once its grace period has passed', async () => {
  const lockPath = join(tempDir(), 'skillsmith.lock');
  writeFileSync(lockPath, '{"pid": tru');
  age(lockPath, 60);
  assert.equal(await withProcessLock(lockPath, async () => 'ran', 150), 'ran');
});

test('a fresh empty library lock is a writer still filling it: it is waited for, not taken at once', async () => {
  const lockPath = join(tempDir(), 'skillsmith.lock');
  writeFileSync(lockPath, '');
  await assert.rejects(withProcessLock(lockPath, async () => 'ran', 100), /the skill library is busy/);
  assert.equal(readFileSync(lockPath, 'utf8'), '', 'left for its writer');
});

test('the library lock records the holder start time, so a pid now used by another process is not busy', async (t) => {
  const lockPath = join(tempDir(), 'skillsmith.lock');
  let seen = '';
  await withProcessLock(lockPath, async () => {
    seen = readFileSync(lockPath, 'utf8');
  });
  const recorded = JSON.parse(seen) as { pid: number; started?: string };
  assert.equal(recorded.pid, process.pid);
  const parentStart = processStartTime(process.ppid);
  if (recorded.started === undefined || parentStart === undefined) return t.skip('process start times cannot be read on this system');
  assert.equal(recorded.started, processStartTime(process.pid));

  // the parent runs, but a lock naming its pid with another start time was written by a process now gone
  writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, started: `${parentStart}-earlier` }));
  assert.equal(await withProcessLock(lockPath, async () => 'ran', 150), 'ran');

  // with its real start time it is the parent's own lock, and busy
  writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, started: parentStart }));
  await assert.rejects(withProcessLock(lockPath, async () => 'ran', 150), new RegExp(`locked by process ${process.ppid}`));
});

test('a library lock held by another live process is respected until it lets go', async () => {
  const lockPath = join(tempDir(), 'skillsmith.lock');
  const script = `
    const { withProcessLock } = require(${JSON.stringify(require.resolve('../../../../src/core/skills/library/process-lock'))});
    withProcessLock(${JSON.stringify(lockPath)}, () => new Promise((r) => { process.stdout.write('ready\\n'); process.stdin.once('end', r); process.stdin.resume(); }));
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((ok, fail) => {
    child.stdout.on('data', (d) => String(d).includes('ready') && ok());
    child.on('exit', (code) => fail(new Error(`holder exited early (${code})`)));
  });
  await assert.rejects(withProcessLock(lockPath, async () => 'ran', 150), new RegExp(`locked by process ${child.pid}`));
  child.stdin.end();
  assert.equal(await withProcessLock(lockPath, async () => 'ran', 5_000), 'ran');
});
