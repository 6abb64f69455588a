import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { noGitReason, writeSkill } from '../core/skills/library/helpers';
import { runCli, tempDir } from './helpers';

// `--version` is the program's own flag (it printed "0.1.0" and exit 0 for `trust X --version V`), so the
// version is named after an @, as install names it.
test('trust SKILL@VERSION reads and changes that version, not the current one', { skip: noGitReason }, () => {
  const home = tempDir();
  const src = tempDir();
  const add = (body: string, dir: string) => runCli(['library', 'add', writeSkill(dir, 'changelog', body), '--json'], { home });
  const first = add('Version one.', src);
  assert.equal(first.code, 0, first.stderr);
  const v1 = (JSON.parse(first.stdout) as { id: string }).id;
  const second = add('Version two, different.', join(src, 'next'));
  assert.equal(second.code, 0, second.stderr);

  const shown = runCli(['trust', `changelog@${v1.slice(0, 7)}`, '--json'], { home });
  assert.equal(shown.code, 0, shown.stderr);
  assert.equal((JSON.parse(shown.stdout) as { version: string }).version, v1);
  const rejected = runCli(['trust', `changelog@${v1.slice(0, 7)}`, '--reject', '--kind', 'outdated', '--reason', 'old', '--json'], { home });
  assert.equal(rejected.code, 0, rejected.stderr);
  assert.deepEqual([(JSON.parse(rejected.stdout) as { version: string; failures: number }).version, (JSON.parse(rejected.stdout) as { failures: number }).failures], [v1, 1]);
  const current = JSON.parse(runCli(['trust', 'changelog', '--json'], { home }).stdout) as { version: string; failures: number };
  assert.notEqual(current.version, v1);
  assert.equal(current.failures, 0, 'the current version is untouched');
});
