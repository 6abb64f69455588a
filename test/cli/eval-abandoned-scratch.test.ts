import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { processStartTime } from '../../src/core/store/process-identity';
import { runCli, tempDir } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');

function plantScratch(tmp: string, name: string, pid: number, started: string | undefined): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'home'), { recursive: true });
  writeFileSync(join(dir, 'sessions.db'), '');
  const holder = { pid, thread: 0, host: hostname(), since: new Date().toISOString(), token: 'planted', ...(started ? { started } : {}) };
  writeFileSync(join(dir, 'home', 'state.db.lock'), JSON.stringify(holder));
  return dir;
}

test('eval removes the scratch folder of an eval that was killed (its holder is gone) and leaves a running one alone', () => {
  const tmp = tempDir('skillsmith-eval-tmp-');
  // a real process that has ended: its pid names nobody now
  const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadPid = Number(ended.stdout);
  const killed = plantScratch(tmp, 'skillsmith-eval-killed1', deadPid, undefined);
  const running = plantScratch(tmp, 'skillsmith-eval-running', process.pid, processStartTime(process.pid));
  const unrelated = join(tmp, 'someone-elses-folder');
  mkdirSync(unrelated);

  const r = runCli(['eval', SAMPLES, '--offline', '--json'], { home: tempDir(), env: { TMPDIR: tmp, TMP: tmp, TEMP: tmp } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(existsSync(killed), false, 'the killed run\'s scratch folder is removed');
  assert.equal(existsSync(running), true, 'a scratch folder whose process still runs is kept');
  assert.equal(existsSync(unrelated), true);
  assert.deepEqual(readdirSync(tmp).sort(), ['skillsmith-eval-running', 'someone-elses-folder'], 'this run cleaned up its own folder too');
});
