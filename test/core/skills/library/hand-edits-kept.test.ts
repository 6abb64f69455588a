import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SkillsmithError } from '../../../../src/core/errors';
import { SkillLibrary } from '../../../../src/core/skills/library/library';
import { readFileSet } from '../../../../src/core/skills/library/skill-files';
import { assertHealthyRepo, git, gitLog, noGitReason, skillMd, tempDir, writeSkill } from './helpers';

/*
 * "What the user wrote is never lost": a hand edit in the library's own folder that the absorber has not
 * recorded yet must survive every library write. Writes to that skill keep it first as the user's version;
 * writes to other skills never touch its folder.
 */

const USER_TEXT = 'Edited by hand in the library folder.';

async function libraryWithEdit() {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  const v1 = await lib.add(writeSkill(join(root, 'src'), 'alpha', 'First.'));
  const v2 = await lib.add(writeSkill(join(root, 'src'), 'alpha', 'Second.'), 'second');
  await lib.add(writeSkill(join(root, 'src'), 'beta', 'Beta.'));
  const edited = skillMd('alpha', USER_TEXT);
  writeFileSync(join(repo, 'alpha', 'SKILL.md'), edited);
  writeFileSync(join(repo, 'alpha', 'notes.md'), 'my notes\n');
  return { root, repo, lib, v1, v2, edited };
}

/** The kept version: the user's files as they were, marked as a hand edit, in the commit before `tip`. */
async function assertKept(lib: SkillLibrary, repo: string, kept: string, operation: string): Promise<void> {
  const version = (await lib.log('alpha')).find((v) => v.id === kept)!;
  assert.match(version.message, new RegExp(`^update\\(alpha\\): hand edit by the user in the library folder, kept before ${operation}`));
  const files = (await lib.show('alpha', kept)).files;
  assert.match(files['SKILL.md'], new RegExp(USER_TEXT.replace(/\./g, '\\.')));
  assert.match(files['SKILL.md'], /skillsmith-engine: user/, 'marked the way the absorber marks a hand edit');
  assert.equal(files['notes.md'], 'my notes\n');
  assertHealthyRepo(repo);
}

function subjects(repo: string): string[] {
  return gitLog(repo).map(([, s]) => s);
}

test('adding a new version of a skill whose library folder was edited by hand keeps the edit first', { skip: noGitReason }, async () => {
  const { root, repo, lib, v2 } = await libraryWithEdit();
  const v3 = await lib.add(writeSkill(join(root, 'src'), 'alpha', 'Third.'), 'third');
  const log = await lib.log('alpha');
  assert.equal(log[0].id, v3.id);
  assert.equal(log[2].id, v2.id);
  await assertKept(lib, repo, log[1].id, 'add');
  assert.equal(readFileSync(join(repo, 'alpha', 'SKILL.md'), 'utf8'), skillMd('alpha', 'Third.'));
  // reverting to the kept version gives the user's text back
  await lib.revert('alpha', log[1].id);
  assert.match(readFileSync(join(repo, 'alpha', 'SKILL.md'), 'utf8'), /Edited by hand/);
  assertHealthyRepo(repo);
});

test('update, revert and remove each keep the hand edit before they write', { skip: noGitReason }, async () => {
  for (const [operation, run] of [
    ['update', (lib: SkillLibrary, root: string) => lib.update('alpha', writeSkill(join(root, 'src'), 'alpha', 'Third.'), 'third')],
    ['revert', (lib: SkillLibrary, _root: string, v1: string) => lib.revert('alpha', v1, 'back to the first')],
    ['remove', (lib: SkillLibrary) => lib.remove('alpha', 'not needed')],
  ] as const) {
    const { root, repo, lib, v1 } = await libraryWithEdit();
    const written = await run(lib, root, v1.id);
    const log = await lib.log('alpha');
    assert.equal(log[0].id, written.id, operation);
    await assertKept(lib, repo, log[1].id, operation);
  }
});

test('accepting a candidate over an unrecorded hand edit keeps the edit and is then refused', { skip: noGitReason }, async () => {
  const { root, repo, lib } = await libraryWithEdit();
  // proposed before the edit: the library writes nothing in the working tree for a proposal
  await lib.proposeCandidate('alpha', writeSkill(join(root, 'cand'), 'alpha', 'Candidate.'), 'try this');
  assert.equal(readFileSync(join(repo, 'alpha', 'notes.md'), 'utf8'), 'my notes\n');
  await assert.rejects(lib.acceptCandidate('alpha'), /skill "alpha" changed in the library after its candidate was proposed/);
  await assertKept(lib, repo, (await lib.log('alpha'))[0].id, 'accept');
  assert.equal((await lib.listCandidates()).length, 1, 'the candidate waits to be proposed again or rejected');
});

test('writes to other skills never touch an edited folder, and the absorber still sees the edit', { skip: noGitReason }, async () => {
  const { root, repo, lib, edited } = await libraryWithEdit();
  const beta1 = (await lib.log('beta'))[0].id;
  await lib.add(writeSkill(join(root, 'src'), 'beta', 'Beta two.'), 'two');
  await lib.add(writeSkill(join(root, 'src'), 'gamma', 'Gamma.'));
  await lib.revert('beta', beta1);
  await lib.proposeCandidate('beta', writeSkill(join(root, 'cand'), 'beta', 'Beta candidate.'), 'try');
  await lib.acceptCandidate('beta');
  await lib.proposeCandidate('gamma', writeSkill(join(root, 'cand'), 'gamma', 'Gamma candidate.'), 'try');
  await lib.rejectCandidate('gamma', 'no');
  await lib.remove('gamma', 'gone');
  assert.equal(readFileSync(join(repo, 'alpha', 'SKILL.md'), 'utf8'), edited);
  assert.equal(readFileSync(join(repo, 'alpha', 'notes.md'), 'utf8'), 'my notes\n');
  assert.ok(!subjects(repo).some((s) => s.startsWith('update(alpha)') && s.includes('hand edit')), 'nothing of alpha was committed');
  assert.deepEqual(await lib.workingTreeEdits(), [{ name: 'alpha', dir: join(repo, 'alpha') }]);
  assert.equal(git(repo, 'fsck', '--full', '--strict').code, 0);
});

test('a folder the user created by hand under a new skill name is kept before `add` writes that name', { skip: noGitReason }, async () => {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  mkdirSync(join(repo, 'fresh'));
  writeFileSync(join(repo, 'fresh', 'SKILL.md'), skillMd('fresh', 'Mine.'));
  const added = await lib.add(writeSkill(join(root, 'src'), 'fresh', 'Theirs.'));
  const log = await lib.log('fresh');
  assert.deepEqual(log.map((v) => v.id)[0], added.id);
  assert.match(log[1].message, /^update\(fresh\): hand edit by the user in the library folder, kept before add/);
  assert.match((await lib.show('fresh', log[1].id)).files['SKILL.md'], /Mine\./);
  assertHealthyRepo(repo);
});

test('an edit that cannot be recorded (a symbolic link) refuses the write and stays as it is', { skip: noGitReason || process.platform === 'win32' }, async () => {
  const { root, repo, lib, edited } = await libraryWithEdit();
  symlinkSync(join(root, 'src'), join(repo, 'alpha', 'outside'));
  const before = gitLog(repo)[0][0];
  await assert.rejects(lib.add(writeSkill(join(root, 'src'), 'alpha', 'Third.'), 'third'), (e: Error) => {
    assert.match(e.message, /the library folder of skill "alpha" holds changes that are not recorded and cannot be/);
    assert.equal((e as SkillsmithError).where, join(repo, 'alpha'), 'the error names the folder');
    return true;
  });
  assert.equal(gitLog(repo)[0][0], before);
  assert.equal(readFileSync(join(repo, 'alpha', 'SKILL.md'), 'utf8'), edited);
  assert.equal(readFileSync(join(repo, 'alpha', 'notes.md'), 'utf8'), 'my notes\n');
});

test('a write that records the folder itself goes through only while the folder holds what it read', { skip: noGitReason }, async () => {
  const { root, repo, lib } = await libraryWithEdit();
  const read = await readFileSet(join(repo, 'alpha'));
  writeFileSync(join(repo, 'alpha', 'notes.md'), 'newer notes\n');
  const before = gitLog(repo)[0][0];
  await assert.rejects(
    lib.update('alpha', writeSkill(join(root, 'absorbed'), 'alpha', USER_TEXT), 'hand edit', { recordsWorkingTree: read }),
    /the library folder of skill "alpha" changed while its hand edit was being recorded/,
  );
  assert.equal(gitLog(repo)[0][0], before);
  assert.equal(readFileSync(join(repo, 'alpha', 'notes.md'), 'utf8'), 'newer notes\n');

  const current = await readFileSet(join(repo, 'alpha'));
  const recorded = await lib.update('alpha', writeSkill(join(root, 'absorbed2'), 'alpha', USER_TEXT, { 'notes.md': 'newer notes\n' }), 'hand edit', { recordsWorkingTree: current });
  assert.deepEqual((await lib.log('alpha')).map((v) => v.message.split('\n')[0])[0], 'update(alpha): hand edit');
  assert.equal((await lib.log('alpha'))[0].id, recorded.id, 'no separate kept version before it');
  assertHealthyRepo(repo);
});

test('editor and file-browser litter in a skill folder is no hand edit: a write goes ahead and records none of it', { skip: noGitReason }, async () => {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  await lib.add(writeSkill(join(root, 'src'), 'alpha', 'First.'));
  writeFileSync(join(repo, 'alpha', '.DS_Store'), 'finder');
  writeFileSync(join(repo, 'alpha', '.SKILL.md.swp'), 'vim swap');
  writeFileSync(join(repo, 'alpha', 'SKILL.md~'), 'backup');
  symlinkSync('user@host.1234:1700000000', join(repo, 'alpha', '.#SKILL.md')); // an Emacs lock is a dangling link
  const before = subjects(repo).length;
  assert.deepEqual(await lib.workingTreeEdits(), []);
  await lib.add(writeSkill(join(root, 'src'), 'alpha', 'Second.'), 'second');
  assert.equal(subjects(repo).length, before + 1, 'one commit: the update, no kept hand edit');
  assert.deepEqual(Object.keys((await lib.show('alpha')).files), ['SKILL.md']);
  assertHealthyRepo(repo);
});
