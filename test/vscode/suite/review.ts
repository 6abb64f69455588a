import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { SkillLibrary } from '../../../src/core/skills/library/library';
import type { SkillVersion } from '../../../src/core/skills/library/types';
import type { OpenedDiff } from '../../../src/vscode/review/compare';
import { FIXTURE } from '../fixtures/fixture-home';
import { api, closeAllEditors, run, until, useFixture } from './helpers';
import { screenshot, test } from './runner';

function activeDiff(): vscode.TabInputTextDiff {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  assert.ok(input instanceof vscode.TabInputTextDiff, 'the active tab is a diff editor');
  return input;
}

test('Compare with Previous Version opens the two versions in the diff editor', async () => {
  const fixture = await useFixture();
  const [newest, previous] = await (await SkillLibrary.open(fixture.library)).log('git-bisect');
  const diff = await run<OpenedDiff>('skillsmith.compareWithPrevious', { skill: 'git-bisect' });
  assert.equal(diff.left.path, `/version/git-bisect/${previous!.id}/SKILL.md`);
  assert.equal(diff.right.path, `/version/git-bisect/${newest!.id}/SKILL.md`);
  const input = activeDiff();
  assert.equal(input.original.toString(), diff.left.toString());
  assert.equal(input.modified.toString(), diff.right.toString());
  const first = await run<OpenedDiff>('skillsmith.compareWithPrevious', { skill: 'git-bisect', version: previous!.id });
  assert.equal(first.right.path, `/version/git-bisect/${previous!.id}/SKILL.md`);
  const oldest = (await (await SkillLibrary.open(fixture.library)).log('git-bisect'))[2]!;
  assert.equal(await run('skillsmith.compareWithPrevious', { skill: 'git-bisect', version: oldest.id }), undefined, 'the first version has nothing before it');
  const any = await run<OpenedDiff>('skillsmith.compareVersions', { skill: 'git-bisect', from: oldest.id, to: newest!.id });
  assert.equal(any.title, `git-bisect: ${oldest.id.slice(0, 7)} ↔ ${newest!.id.slice(0, 7)}`);
  await closeAllEditors();
});

test('Accept Candidate from the candidate diff commits it to the library and updates the tree', async () => {
  const fixture = await useFixture();
  const { browser } = await api();
  const diff = await run<OpenedDiff>('skillsmith.compareCandidate', { skill: FIXTURE.candidate });
  assert.match(diff.right.path, /^\/candidate\/git-bisect\/[0-9a-f]{40}\/SKILL\.md$/);
  assert.equal(activeDiff().modified.toString(), diff.right.toString());
  await screenshot('candidate-diff');
  const refreshed = new Promise((done) => browser.onDidRefresh(done));
  // the editor title passes the diff's resource, as the Accept button does
  const accepted = await run<SkillVersion>('skillsmith.acceptCandidate', diff.right);
  const library = await SkillLibrary.open(fixture.library);
  assert.equal((await library.log('git-bisect'))[0]!.id, accepted.id);
  assert.match((await library.show('git-bisect')).files['SKILL.md']!, /Bisect a clean tree/);
  assert.equal((await library.listCandidates()).some((c) => c.name === 'git-bisect'), false);
  await refreshed;
  const groups = Object.fromEntries(browser.lastModel!.groups.map((g) => [g.id, g.skills.map((s) => s.name)]));
  assert.deepEqual(groups.candidates, []);
  assert.equal(browser.lastModel!.groups.find((g) => g.id === 'active')!.skills.find((s) => s.name === 'git-bisect')!.version, accepted.id);
  await until('the candidate diff to close', () => !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff));
});

test('Reject Candidate keeps the reason with the rejected version; a draft can be rejected too', async () => {
  const fixture = await useFixture();
  const rejection = await run<{ reason: string; candidate: string }>('skillsmith.rejectCandidate', { skill: FIXTURE.draft, reason: 'only restates the test command' });
  assert.equal(rejection.reason, 'only restates the test command');
  const library = await SkillLibrary.open(fixture.library);
  assert.deepEqual((await library.rejections(FIXTURE.draft)).map((r) => r.reason), ['only restates the test command']);
  assert.equal((await library.listCandidates()).some((c) => c.name === FIXTURE.draft), false);
  const { browser } = await api();
  await until('the draft to leave the tree', () => browser.lastModel?.groups.find((g) => g.id === 'drafts')?.skills.length === 0);
});

test('Edit Before Accepting opens an editable copy; saving and accepting commits the edit', async () => {
  const fixture = await useFixture();
  const copy = await run<vscode.Uri>('skillsmith.editCandidate', { skill: FIXTURE.candidate });
  assert.equal(copy.scheme, 'file');
  const editor = vscode.window.activeTextEditor!;
  assert.equal(editor.document.uri.toString(), copy.toString());
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  assert.ok(await editor.edit((e) => e.insert(end, '- Edited by a person before accepting.\n')));
  const version = await run<SkillVersion>('skillsmith.acceptEditedCandidate', copy);
  const library = await SkillLibrary.open(fixture.library);
  const text = (await library.show('git-bisect')).files['SKILL.md']!;
  assert.match(text, /Edited by a person before accepting\./);
  assert.match(text, /Bisect a clean tree/);
  assert.equal((await library.log('git-bisect'))[0]!.id, version.id);
  assert.equal(existsSync(copy.fsPath), false, 'the copy is gone after accepting');
  await closeAllEditors();
});

test('Revert Skill to Version makes an old version current again, as a new version', async () => {
  const fixture = await useFixture();
  const library = await SkillLibrary.open(fixture.library);
  const [current, , oldest] = await library.log('git-bisect');
  const reverted = await run<SkillVersion>('skillsmith.revertSkill', { skill: 'git-bisect', version: oldest!.id, reason: 'the newer steps confused the agent' });
  assert.notEqual(reverted.id, current!.id);
  assert.equal((await library.show('git-bisect')).files['SKILL.md'], (await library.show('git-bisect', oldest!.id)).files['SKILL.md']);
  assert.match(reverted.message, /the newer steps confused the agent/);
  assert.equal((await library.log('git-bisect')).length, 4, 'history is kept');
});
