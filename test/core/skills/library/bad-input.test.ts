import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SkillsmithError } from '../../../../src/core/errors';
import { SkillLibrary } from '../../../../src/core/skills/library/library';
import { assertHealthyRepo, git, gitLog, noGitReason, tempDir, writeSkill } from './helpers';

async function freshLibrary() {
  const root = tempDir();
  const repo = join(root, 'library');
  return { root, repo, lib: await SkillLibrary.open(repo) };
}

test('an invalid skill is refused with its errors, and nothing is committed', { skip: noGitReason }, async () => {
  const { root, repo, lib } = await freshLibrary();
  const folder = join(root, 'broken');
  mkdirSync(folder);
  writeFileSync(join(folder, 'SKILL.md'), '---\nname: Broken\n---\n\nBody.\n');
  await assert.rejects(lib.add(folder), (e: unknown) => {
    assert.ok(e instanceof SkillsmithError);
    assert.equal(e.where, folder);
    assert.match(e.message, /^not a valid skill: /);
    assert.match(e.message, /missing required field "description"/);
    assert.match(e.message, /must be lowercase/);
    return true;
  });
  await assert.rejects(lib.add(join(root, 'no-such-folder')), /no such skill folder/);
  await assert.rejects(lib.proposeCandidate('broken', folder, 'why'), /not a valid skill/);
  assert.equal(gitLog(repo).length, 1);
  assert.deepEqual(await lib.list(), []);
  assertHealthyRepo(repo);
});

test('unknown skills and bad versions give clear errors', async () => {
  const { root, repo, lib } = await freshLibrary();
  const v1 = await lib.add(writeSkill(root, 'known', 'Body.'));
  const init = gitLog(repo).at(-1)![0];

  await assert.rejects(lib.log('unknown'), /no skill named "unknown" in the library/);
  await assert.rejects(lib.show('unknown'), /no skill named "unknown"/);
  await assert.rejects(lib.remove('unknown', 'why'), /no skill named "unknown"/);
  await assert.rejects(lib.diff('unknown', v1.id, v1.id), /skill "unknown" exists at neither/);
  await assert.rejects(lib.show('../etc'), /cannot be a skill name/);

  await assert.rejects(lib.show('known', 'not-hex'), /"not-hex" is not a version id/);
  await assert.rejects(lib.show('known', 'abc'), /"abc" is not a version id/);
  const missing = v1.id.startsWith('0000') ? 'ffff0000' : '0000ffff';
  await assert.rejects(lib.show('known', missing), new RegExp(`no version ${missing} in the library`));
  const blob = git(repo, 'rev-parse', 'HEAD:known/SKILL.md').stdout.trim();
  await assert.rejects(lib.show('known', blob), /is a blob, not a version/);
  await assert.rejects(lib.show('known', init.slice(0, 8)), /skill "known" does not exist at version/);
  await assert.rejects(lib.revert('known', init), /skill "known" does not exist at version/);
  await assert.rejects(lib.revert('known', v1.shortId), /already has the content of version/);
  await assert.rejects(lib.remove('known', ''), /a reason is required/);
  assert.equal((await lib.log('known')).length, 1);
});

test('recording the same content again is refused instead of making an empty version', async () => {
  const { root, lib } = await freshLibrary();
  const folder = writeSkill(root, 'same', 'Body.');
  await lib.add(folder);
  await assert.rejects(lib.add(folder, 'again'), /nothing changed in skill "same"/);
  assert.equal((await lib.log('same')).length, 1);
});

test('files that cannot be stored safely are refused before anything is written', { skip: noGitReason }, async () => {
  const { root, repo, lib } = await freshLibrary();
  const linked = writeSkill(root, 'linked', 'Body.');
  symlinkSync('/etc/hostname', join(linked, 'host'));
  await assert.rejects(lib.add(linked), /symbolic links and special files cannot be stored/);
  const backslash = writeSkill(join(root, 'b'), 'odd', 'Body.', { 'a\\b.md': 'x\n' });
  await assert.rejects(lib.add(backslash), /cannot be stored in git/);
  // a nested checkout's .git is not part of the skill
  const checkout = writeSkill(join(root, 'c'), 'checkout', 'Body.', { '.git/HEAD': 'ref: refs/heads/main\n' });
  await lib.add(checkout);
  assert.deepEqual(Object.keys((await lib.show('checkout')).files), ['SKILL.md']);
  assertHealthyRepo(repo);
});

test('a folder that is not empty and not a library is not taken over', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'notes.txt'), 'mine\n');
  await assert.rejects(SkillLibrary.open(root), /this folder is not empty and is not a skill library/);
});

test('a repository whose creation was killed half way is made again; a library never opens without HEAD', { skip: noGitReason }, async () => {
  const root = tempDir();
  // what a kill during creation leaves: the repository being made aside, no `.git` yet
  mkdirSync(join(root, '.git-being-created', 'objects'), { recursive: true });
  writeFileSync(join(root, '.git-being-created', 'config'), '[core]\n');
  const lib = await SkillLibrary.open(root);
  await lib.add(writeSkill(join(tempDir(), 's'), 'first-skill', 'Body.'));
  assert.deepEqual((await lib.list()).map((s) => s.name), ['first-skill']);
  assertHealthyRepo(root);
  assert.deepEqual(gitLog(root).map(([, subject]) => subject), ['add(first-skill): first version', 'init: skill library']);
  assert.ok(!existsSync(join(root, '.git-being-created')));
});

test('adding the SKILL.md file instead of its folder says it is a file and names the folder to give; nothing is committed', { skip: noGitReason }, async () => {
  const { root, repo, lib } = await freshLibrary();
  const folder = writeSkill(root, 'given-as-file', 'Body.');
  const file = join(folder, 'SKILL.md');
  await assert.rejects(lib.add(file), (e: unknown) => {
    assert.ok(e instanceof SkillsmithError);
    assert.equal(e.describe(), `${file}: is a file, not a skill folder (give the folder that holds it: ${folder})`);
    return true;
  });
  assert.equal(gitLog(repo).length, 1);
});
