import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../../../../src/core/errors';
import { SkillLibrary } from '../../../../src/core/skills/library/library';
import { git, noGitReason, tempDir, writeSkill } from './helpers';

async function libraryWithSkill(): Promise<{ repo: string; version: string }> {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  const version = (await lib.add(writeSkill(join(root, 'src'), 'lint', 'Run the linter.'))).id;
  return { repo, version };
}

test('a library whose .git/HEAD is missing is repaired from its branch ref and said so', { skip: noGitReason }, async () => {
  const { repo, version } = await libraryWithSkill();
  rmSync(join(repo, '.git', 'HEAD'));
  const notices: string[] = [];
  const lib = await SkillLibrary.open(repo, { onNotice: (m) => notices.push(m) });
  assert.deepEqual((await lib.list()).map((s) => [s.name, s.version]), [['lint', version]]);
  assert.equal(readFileSync(join(repo, '.git', 'HEAD'), 'utf8'), 'ref: refs/heads/main\n');
  assert.equal(notices.length, 1);
  assert.match(notices[0], /HEAD was missing.*refs\/heads\/main/);
  assert.ok(notices[0].includes(repo), 'names the library');
  assert.equal(git(repo, 'rev-parse', 'HEAD').stdout.trim(), version, 'git agrees');
});

test('an empty .git/HEAD is repaired the same way; a packed branch ref counts', { skip: noGitReason }, async () => {
  const { repo, version } = await libraryWithSkill();
  assert.equal(git(repo, 'pack-refs', '--all').code, 0);
  writeFileSync(join(repo, '.git', 'HEAD'), '');
  const lib = await SkillLibrary.open(repo);
  assert.deepEqual((await lib.list()).map((s) => s.version), [version]);
});

test('a missing HEAD with no branch to point it at names the library and the command that fixes it', { skip: noGitReason }, async () => {
  const { repo } = await libraryWithSkill();
  rmSync(join(repo, '.git', 'HEAD'));
  renameSync(join(repo, '.git', 'refs', 'heads', 'main'), join(repo, '.git', 'refs', 'heads', 'one'));
  mkdirSync(join(repo, '.git', 'refs', 'heads', 'nested'));
  writeFileSync(join(repo, '.git', 'refs', 'heads', 'nested', 'two'), readFileSync(join(repo, '.git', 'refs', 'heads', 'one')));
  await assert.rejects(SkillLibrary.open(repo), (e: unknown) => {
    const text = describeError(e);
    assert.ok(text.includes(repo), text);
    assert.match(text, /HEAD is missing/);
    assert.match(text, /git -C .* symbolic-ref HEAD refs\/heads\/(one|nested\/two)/);
    return true;
  });
});

test('a corrupt object gives an error naming the damaged library and what to do, not a raw decompression error', { skip: noGitReason }, async () => {
  const { repo, version } = await libraryWithSkill();
  const object = join(repo, '.git', 'objects', version.slice(0, 2), version.slice(2));
  chmodSync(object, 0o644);
  writeFileSync(object, 'garbage');
  const lib = await SkillLibrary.open(repo);
  for (const attempt of [() => lib.list(), () => lib.show('lint'), () => lib.log('lint')]) {
    await assert.rejects(attempt(), (e: unknown) => {
      const text = describeError(e);
      assert.ok(text.startsWith(`${repo}: `), text);
      assert.match(text, /the skill library's git repository is damaged/);
      assert.match(text, /git -C .* fsck --full/);
      assert.match(text, /\.damaged/);
      return true;
    });
  }
});

test('a missing object is damage too', { skip: noGitReason }, async () => {
  const { repo, version } = await libraryWithSkill();
  rmSync(join(repo, '.git', 'objects', version.slice(0, 2), version.slice(2)));
  const lib = await SkillLibrary.open(repo);
  await assert.rejects(lib.list(), /git repository is damaged .*could not find object/i);
});
