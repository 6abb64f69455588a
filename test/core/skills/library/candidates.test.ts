import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SkillLibrary } from '../../../../src/core/skills/library/library';
import { assertHealthyRepo, git, gitLog, noGitReason, skillMd, tempDir, writeSkill } from './helpers';

async function libraryWith(name: string, body: string) {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  const v1 = await lib.add(writeSkill(join(root, 'src'), name, body));
  return { root, repo, lib, v1 };
}

function branches(repo: string): string[] {
  return git(repo, 'branch', '--format=%(refname:short)').stdout.trim().split('\n').filter(Boolean);
}

test('propose, list, accept: the library gets the candidate as a merge commit and the branch is gone', { skip: noGitReason }, async () => {
  const { root, repo, lib, v1 } = await libraryWith('review', 'Read the diff.');
  const candidateFolder = writeSkill(join(root, 'candidate'), 'review', 'Read the diff.\nRun the tests.');
  const proposed = await lib.proposeCandidate('review', candidateFolder, 'sessions show tests get skipped');
  assert.equal(proposed.message, 'propose(review): sessions show tests get skipped');

  const listed = await lib.listCandidates();
  assert.deepEqual(listed.map((c) => [c.name, c.branch, c.version.id, c.reason, c.baseVersion]), [
    ['review', 'candidate/review', proposed.id, 'sessions show tests get skipped', v1.id],
  ]);
  assert.deepEqual(branches(repo), ['candidate/review', 'main']);
  // the library itself is untouched until the candidate is accepted
  assert.deepEqual((await lib.show('review')).files, { 'SKILL.md': skillMd('review', 'Read the diff.') });
  assert.match(await lib.diffCandidate('review'), /^\+Run the tests\.$/m);
  assertHealthyRepo(repo);

  const accepted = await lib.acceptCandidate('review');
  assert.equal(accepted.message, 'accept(review): sessions show tests get skipped');
  assert.deepEqual((await lib.show('review')).files, { 'SKILL.md': skillMd('review', 'Read the diff.\nRun the tests.') });
  assert.deepEqual((await lib.log('review')).map((v) => v.id), [accepted.id, v1.id]);
  assert.deepEqual(await lib.listCandidates(), []);
  assert.deepEqual(branches(repo), ['main']);
  const parents = git(repo, 'log', '-1', '--format=%P', 'HEAD').stdout.trim().split(' ');
  assert.deepEqual(parents, [v1.id, proposed.id]);
  assertHealthyRepo(repo);
});

test('reject deletes the branch and keeps the reason and the rejected content retrievable', { skip: noGitReason }, async () => {
  const { root, repo, lib, v1 } = await libraryWith('review', 'Read the diff.');
  const first = await lib.proposeCandidate('review', writeSkill(join(root, 'c1'), 'review', 'Skip the tests.'), 'faster');
  const r1 = await lib.rejectCandidate('review', 'skipping tests caused two regressions');
  assert.deepEqual(branches(repo), ['main']);
  assert.deepEqual(await lib.listCandidates(), []);
  assert.equal(r1.reason, 'skipping tests caused two regressions');
  assert.equal(r1.candidate, first.id);

  const second = await lib.proposeCandidate('review', writeSkill(join(root, 'c2'), 'review', 'Only read the title.'), 'even faster');
  const r2 = await lib.rejectCandidate('review', 'misses real problems');
  const rejections = await lib.rejections('review');
  assert.deepEqual(rejections.map((r) => [r.id, r.reason, r.candidate]), [
    [r2.id, 'misses real problems', second.id],
    [r1.id, 'skipping tests caused two regressions', first.id],
  ]);
  assert.deepEqual((await lib.show('review', r1.candidate)).files, { 'SKILL.md': skillMd('review', 'Skip the tests.') });
  // the library branch never saw either candidate
  assert.deepEqual((await lib.log('review')).map((v) => v.id), [v1.id]);
  // real git reads the reasons too, and the rejected commits are reachable (no dangling objects)
  const subjects = gitLog(repo, 'refs/rejected/review').map(([, s]) => s);
  assert.ok(subjects.includes('reject(review): skipping tests caused two regressions'));
  assert.ok(subjects.includes('reject(review): misses real problems'));
  assertHealthyRepo(repo);
  assert.deepEqual(await lib.rejections('other'), []);
});

test('accepting is refused when the skill changed in the library after the proposal; proposing again fixes it', { skip: noGitReason }, async () => {
  const { root, repo, lib } = await libraryWith('notes', 'One.');
  await lib.proposeCandidate('notes', writeSkill(join(root, 'cand'), 'notes', 'One.\nCandidate line.'), 'add a line');
  const hand = await lib.add(writeSkill(join(root, 'src'), 'notes', 'One, edited by hand.'), 'hand edit');
  await assert.rejects(lib.acceptCandidate('notes'), /skill "notes" changed in the library after its candidate was proposed/);
  assert.equal((await lib.log('notes'))[0].id, hand.id);

  const again = await lib.proposeCandidate('notes', writeSkill(join(root, 'cand'), 'notes', 'One, edited by hand.\nCandidate line.'), 'rebased on the hand edit');
  const [candidate] = await lib.listCandidates();
  assert.equal(candidate.version.id, again.id);
  assert.equal(candidate.baseVersion, hand.id);
  await lib.acceptCandidate('notes');
  assert.deepEqual((await lib.show('notes')).files, { 'SKILL.md': skillMd('notes', 'One, edited by hand.\nCandidate line.') });
  assertHealthyRepo(repo);
});

test('a candidate can be a new skill; accepting adds it', async () => {
  const root = tempDir();
  const lib = await SkillLibrary.open(join(root, 'library'));
  await lib.proposeCandidate('fresh', writeSkill(root, 'fresh', 'New.'), 'seen in three sessions');
  const [candidate] = await lib.listCandidates();
  assert.equal(candidate.baseVersion, null);
  assert.match(await lib.diffCandidate('fresh'), /^diff --git a\/fresh\/SKILL\.md b\/fresh\/SKILL\.md\nnew file mode 100644\n--- \/dev\/null\n\+\+\+ b\/fresh\/SKILL\.md\n/);
  assert.deepEqual(await lib.list(), []);
  const v = await lib.acceptCandidate('fresh');
  assert.deepEqual((await lib.list()).map((s) => [s.name, s.version]), [['fresh', v.id]]);
});

test('candidate errors are clear', async () => {
  const { root, lib } = await libraryWith('review', 'Read the diff.');
  await assert.rejects(lib.acceptCandidate('review'), /no candidate for skill "review"/);
  await assert.rejects(lib.rejectCandidate('review', 'why'), /no candidate for skill "review"/);
  await assert.rejects(lib.proposeCandidate('other', writeSkill(join(root, 'x'), 'review', 'Changed.'), 'why'), /holds skill "review", not "other"/);
  await assert.rejects(lib.proposeCandidate('review', writeSkill(join(root, 'y'), 'review', 'Read the diff.'), 'same'), /identical to the library's version/);
  await lib.proposeCandidate('review', writeSkill(join(root, 'z'), 'review', 'Changed.'), 'why');
  await assert.rejects(lib.rejectCandidate('review', '  '), /a reason is required/);
  assert.equal((await lib.listCandidates()).length, 1);
});
