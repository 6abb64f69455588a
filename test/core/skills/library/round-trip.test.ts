import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SkillLibrary } from '../../../../src/core/skills/library/library';
import { assertHealthyRepo, git, gitLog, noGitReason, skillMd, tempDir, writeSkill } from './helpers';

test('add, change twice, log, diff, revert: four versions, and real git sees a healthy history', { skip: noGitReason }, async () => {
  const root = tempDir();
  const lib = await SkillLibrary.open(join(root, 'library'));
  assert.equal(lib.created, true);
  const src = join(root, 'src');

  const folder = writeSkill(src, 'pdf-tools', 'Step one.');
  const v1 = await lib.add(folder);
  writeSkill(src, 'pdf-tools', 'Step one.\nStep two.');
  const v2 = await lib.add(folder, 'add step two');
  writeSkill(src, 'pdf-tools', 'Step one, carefully.\nStep two.');
  const v3 = await lib.add(folder, 'be careful in step one');

  const log = await lib.log('pdf-tools');
  assert.deepEqual(log.map((v) => v.id), [v3.id, v2.id, v1.id]);
  assert.deepEqual(log.map((v) => v.message), [
    'update(pdf-tools): be careful in step one',
    'update(pdf-tools): add step two',
    'add(pdf-tools): first version',
  ]);
  assert.equal(v1.shortId, v1.id.slice(0, 7));
  assert.ok(!Number.isNaN(Date.parse(v1.date)));

  const diff = await lib.diff('pdf-tools', v1.shortId, v3.id);
  assert.match(diff, /^diff --git a\/pdf-tools\/SKILL\.md b\/pdf-tools\/SKILL\.md\n--- a\/pdf-tools\/SKILL\.md\n\+\+\+ b\/pdf-tools\/SKILL\.md\n@@ /);
  assert.match(diff, /^-Step one\.$/m);
  assert.match(diff, /^\+Step one, carefully\.$/m);
  assert.match(diff, /^\+Step two\.$/m);
  assert.equal(await lib.diff('pdf-tools', v2.id, v2.id), '');

  const v4 = await lib.revert('pdf-tools', v1.shortId);
  assert.equal(v4.message, `revert(pdf-tools): to ${v1.shortId}`);
  const after = await lib.log('pdf-tools');
  assert.deepEqual(after.map((v) => v.id), [v4.id, v3.id, v2.id, v1.id]);
  const now = await lib.show('pdf-tools');
  assert.equal(now.version, v4.id);
  assert.deepEqual(now.files, { 'SKILL.md': skillMd('pdf-tools', 'Step one.') });
  assert.deepEqual((await lib.show('pdf-tools', v3.shortId)).files, { 'SKILL.md': skillMd('pdf-tools', 'Step one, carefully.\nStep two.') });

  const repo = join(root, 'library');
  assertHealthyRepo(repo);
  assert.deepEqual(
    gitLog(repo).map(([id, subject]) => [id, subject]),
    [...after.map((v) => [v.id, v.message]), [gitLog(repo).at(-1)![0], 'init: skill library']],
  );
  assert.equal(git(repo, 'show', 'HEAD:pdf-tools/SKILL.md').stdout, skillMd('pdf-tools', 'Step one.'));
});

test('list gives each skill its description and the latest commit that touched its folder', async () => {
  const root = tempDir();
  const lib = await SkillLibrary.open(join(root, 'library'));
  assert.deepEqual(await lib.list(), []);
  const a1 = await lib.add(writeSkill(root, 'alpha', 'A.'));
  const b1 = await lib.add(writeSkill(root, 'beta', 'B.'));
  const a2 = await lib.add(writeSkill(root, 'alpha', 'A, again.'), 'rework');

  const skills = await lib.list();
  assert.deepEqual(skills.map((s) => [s.name, s.version, s.updatedAt]), [
    ['alpha', a2.id, a2.date],
    ['beta', b1.id, b1.date],
  ]);
  assert.equal(skills[0].description, 'Handles alpha tasks. Use when the user works on alpha.');
  assert.notEqual(a1.id, a2.id);
});

test('files in subfolders, the executable bit and deletions are versioned exactly', { skip: noGitReason }, async () => {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  const folder = writeSkill(root, 'deploy', 'Run scripts/go.sh.', { 'scripts/go.sh': '#!/bin/sh\necho go\n', 'references/notes.md': 'notes\n' });
  chmodSync(join(folder, 'scripts/go.sh'), 0o755);
  const v1 = await lib.add(folder);
  assert.match(git(repo, 'ls-tree', '-r', 'HEAD').stdout, /^100755 blob [0-9a-f]{40}\tdeploy\/scripts\/go\.sh$/m);

  rmSync(join(folder, 'references'), { recursive: true });
  chmodSync(join(folder, 'scripts/go.sh'), 0o644);
  const v2 = await lib.add(folder, 'drop the notes, script no longer executable');
  assert.deepEqual(Object.keys((await lib.show('deploy')).files), ['SKILL.md', 'scripts/go.sh']);
  const diff = await lib.diff('deploy', v1.id, v2.id);
  assert.match(diff, /^diff --git a\/deploy\/references\/notes\.md b\/deploy\/references\/notes\.md\ndeleted file mode 100644\n--- a\/deploy\/references\/notes\.md\n\+\+\+ \/dev\/null$/m);
  assert.match(diff, /^old mode 100755\nnew mode 100644$/m);
  assert.match(git(repo, 'ls-tree', '-r', 'HEAD').stdout, /^100644 blob [0-9a-f]{40}\tdeploy\/scripts\/go\.sh$/m);

  writeFileSync(join(folder, 'icon.bin'), Buffer.from([0, 1, 2]));
  const v3 = await lib.add(folder, 'add an icon');
  writeFileSync(join(folder, 'icon.bin'), Buffer.from([0, 1, 3]));
  const v4 = await lib.add(folder, 'new icon');
  assert.match(await lib.diff('deploy', v2.id, v3.id), /^diff --git a\/deploy\/icon\.bin b\/deploy\/icon\.bin\nnew file mode 100644\nBinary files \/dev\/null and b\/deploy\/icon\.bin differ$/m);
  assert.match(await lib.diff('deploy', v3.id, v4.id), /^Binary files a\/deploy\/icon\.bin and b\/deploy\/icon\.bin differ$/m);
  assert.equal(git(repo, 'cat-file', '-p', 'HEAD:deploy/icon.bin').stdout, '\u0000\u0001\u0003');
  rmSync(join(folder, 'icon.bin'));

  await lib.revert('deploy', v1.id);
  assert.deepEqual(Object.keys((await lib.show('deploy')).files), ['SKILL.md', 'references/notes.md', 'scripts/go.sh']);
  assert.match(git(repo, 'ls-tree', '-r', 'HEAD').stdout, /^100755 blob [0-9a-f]{40}\tdeploy\/scripts\/go\.sh$/m);
  assertHealthyRepo(repo);
});

test('remove keeps the history, and revert brings a removed skill back', { skip: noGitReason }, async () => {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  const v1 = await lib.add(writeSkill(root, 'gone-soon', 'Body.'));
  const removed = await lib.remove('gone-soon', 'superseded by another skill');
  assert.equal(removed.message, 'remove(gone-soon): superseded by another skill');
  assert.deepEqual(await lib.list(), []);
  assert.deepEqual((await lib.log('gone-soon')).map((v) => v.id), [removed.id, v1.id]);
  await assert.rejects(lib.show('gone-soon'), /no skill named "gone-soon"/);
  assert.deepEqual((await lib.show('gone-soon', v1.shortId)).files, { 'SKILL.md': skillMd('gone-soon', 'Body.') });

  await lib.revert('gone-soon', v1.id, 'still needed');
  assert.deepEqual((await lib.list()).map((s) => s.name), ['gone-soon']);
  assert.equal((await lib.log('gone-soon'))[0].message, `revert(gone-soon): to ${v1.shortId}\n\nstill needed`);
  assertHealthyRepo(repo);
});

test('concurrent callers are serialized: in one library object and across two objects on one folder', { skip: noGitReason }, async () => {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  const other = await SkillLibrary.open(repo);
  const names = ['one', 'two', 'three', 'four', 'five', 'six'];
  const folders = names.map((n) => writeSkill(root, n, `Body of ${n}.`));
  const versions = await Promise.all(folders.map((f, i) => (i % 2 === 0 ? lib : other).add(f)));
  assert.equal(new Set(versions.map((v) => v.id)).size, names.length);
  assert.deepEqual((await lib.list()).map((s) => s.name), [...names].sort());
  // every add landed on top of the previous one: a straight line of commits
  assert.equal(gitLog(repo).length, names.length + 1);
  assert.equal(git(repo, 'rev-list', '--merges', 'HEAD').stdout, '');
  assertHealthyRepo(repo);
});

test('reopening an existing library keeps its history', async () => {
  const root = tempDir();
  const dir = join(root, 'library');
  const v1 = await (await SkillLibrary.open(dir)).add(writeSkill(root, 'kept', 'Body.'));
  const again = await SkillLibrary.open(dir);
  assert.equal(again.created, false);
  assert.deepEqual((await again.log('kept')).map((v) => v.id), [v1.id]);
  writeFileSync(join(root, 'kept', 'extra.md'), 'more\n');
  const v2 = await again.add(join(root, 'kept'), 'add extra');
  assert.deepEqual(Object.keys((await again.show('kept', v2.id)).files), ['SKILL.md', 'extra.md']);
});

test('update records a new version of a skill that exists, and only of that skill', async () => {
  const root = tempDir();
  const lib = await SkillLibrary.open(join(root, 'library'));
  const folder = writeSkill(root, 'tidy', 'Tidy up.');
  await assert.rejects(lib.update('tidy', folder, 'first'), /no skill named "tidy"/);
  const v1 = await lib.add(folder, '  ');
  assert.equal(v1.message, 'add(tidy): first version');
  writeSkill(root, 'tidy', 'Tidy up, then test.');
  await assert.rejects(lib.update('tidy', folder, ''), /a reason is required/);
  await assert.rejects(lib.update('other', folder, 'why'), /no skill named "other"/);
  const v2 = await lib.update('tidy', folder, 'test after tidying\nSeen in two sessions.');
  assert.equal(v2.message, 'update(tidy): test after tidying\n\nSeen in two sessions.');
  assert.deepEqual((await lib.log('tidy')).map((v) => v.id), [v2.id, v1.id]);
});
