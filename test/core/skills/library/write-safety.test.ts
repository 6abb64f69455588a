import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SkillLibrary } from '../../../../src/core/skills/library/library';
import { withProcessLock } from '../../../../src/core/skills/library/process-lock';
import { PENDING_FILE } from '../../../../src/core/skills/library/repo';
import { SerialQueue } from '../../../../src/core/skills/library/serial-queue';
import { assertHealthyRepo, git, gitLog, noGitReason, skillMd, tempDir, writeSkill } from './helpers';

test('a failure after the working tree was written restores it and the index from HEAD', { skip: noGitReason }, async () => {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  const folder = writeSkill(join(root, 'src'), 'steady', 'Original.', { 'extra.md': 'extra\n' });
  const v1 = await lib.add(folder);

  // a real git process holding the branch lock makes the final step (moving the branch) fail
  const lock = join(repo, '.git', 'refs', 'heads', 'main.lock');
  writeFileSync(lock, '');
  rmSync(join(folder, 'extra.md'));
  writeSkill(join(root, 'src'), 'steady', 'Changed.', { 'new.md': 'new\n' });
  await assert.rejects(lib.add(folder, 'change'), /refs\/heads\/main is locked by another git process/);

  assert.equal(gitLog(repo)[0][0], v1.id);
  assert.equal(readFileSync(join(repo, 'steady', 'SKILL.md'), 'utf8'), skillMd('steady', 'Original.'));
  assert.equal(readFileSync(join(repo, 'steady', 'extra.md'), 'utf8'), 'extra\n');
  assert.equal(readFileSync(lock, 'utf8'), '', "the other process's lock is left alone");
  rmSync(lock);
  // the aborted commit object is unreachable; nothing else is out of place
  assertHealthyRepo(repo, { allowDangling: true });

  const v2 = await lib.add(folder, 'change');
  assert.deepEqual((await lib.log('steady')).map((v) => v.id), [v2.id, v1.id]);
  assert.deepEqual(Object.keys((await lib.show('steady')).files), ['SKILL.md', 'new.md']);
  assertHealthyRepo(repo, { allowDangling: true });
});

test('opening the library undoes a write that a crashed process left half done', { skip: noGitReason }, async () => {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  await lib.add(writeSkill(join(root, 'src'), 'steady', 'Original.'));
  await lib.add(writeSkill(join(root, 'src'), 'bystander', 'Untouched.'));

  // what a crash between staging and committing leaves: changed and staged files plus the pending marker
  writeFileSync(join(repo, 'steady', 'SKILL.md'), skillMd('steady', 'Half written.'));
  writeFileSync(join(repo, 'steady', 'stray.md'), 'stray\n');
  assert.equal(git(repo, 'add', '-A', 'steady').code, 0);
  writeFileSync(join(repo, '.git', PENDING_FILE), 'steady');

  const reopened = await SkillLibrary.open(repo);
  // the blobs the crashed write staged are now unreferenced, which is all that remains of it
  assertHealthyRepo(repo, { allowDangling: true });
  assert.equal(readFileSync(join(repo, 'steady', 'SKILL.md'), 'utf8'), skillMd('steady', 'Original.'));
  assert.deepEqual((await reopened.list()).map((s) => s.name), ['bystander', 'steady']);
});

test('the process lock waits for a live holder, gives up with a clear error, and takes over from a dead one', async () => {
  const root = tempDir();
  const lockPath = join(root, 'skillsmith.lock');
  writeFileSync(lockPath, String(process.ppid));
  await assert.rejects(withProcessLock(lockPath, async () => 'ran', 150), /the skill library is busy \(locked by process \d+\)/);
  assert.equal(readFileSync(lockPath, 'utf8'), String(process.ppid));

  const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  writeFileSync(lockPath, dead.stdout.trim());
  assert.equal(await withProcessLock(lockPath, async () => 'ran', 150), 'ran');
  assert.throws(() => readFileSync(lockPath), /ENOENT/);
});

test('the queue runs tasks one at a time in order, and a failure does not stop the next', async () => {
  const queue = new SerialQueue();
  const events: string[] = [];
  const task = (name: string, ms: number, fail = false) => async () => {
    events.push(`start ${name}`);
    await new Promise((r) => setTimeout(r, ms));
    events.push(`end ${name}`);
    if (fail) throw new Error(name);
    return name;
  };
  const results = await Promise.allSettled([queue.run(task('a', 30)), queue.run(task('b', 5, true)), queue.run(task('c', 1))]);
  assert.deepEqual(events, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
});
