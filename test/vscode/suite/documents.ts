import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SkillLibrary } from '../../../src/core/skills/library/library';
import { FIXTURE } from '../fixtures/fixture-home';
import { closeAllEditors, run, useFixture } from './helpers';
import { test } from './runner';

const doc = (path: string) => vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'skillsmith', path }));

test('the skillsmith: provider serves any version of any skill, candidates, sessions and usage, read-only', async () => {
  const fixture = await useFixture();
  const library = await SkillLibrary.open(fixture.library);
  const versions = await library.log('git-bisect');
  assert.equal(versions.length, 3);
  for (const v of versions) {
    const text = (await doc(`/version/git-bisect/${v.id}/SKILL.md`)).getText();
    assert.equal(text, (await library.show('git-bisect', v.id)).files['SKILL.md']);
  }
  const candidate = (await library.listCandidates()).find((c) => c.name === FIXTURE.candidate)!;
  assert.match((await doc(`/candidate/git-bisect/${candidate.version.id}/SKILL.md`)).getText(), /Bisect a clean tree/);
  assert.equal((await doc('/empty/fix-test-fail/SKILL.md')).getText(), '');
  assert.match((await doc('/version/git-bisect/0000000/SKILL.md')).getText(), /^This document cannot be shown: .*no version 0000000/);
  assert.match((await doc('/nothing/here')).getText(), /Skillsmith has no document at/);

  const opened = await run<vscode.Uri>('skillsmith.internal.openSession', { session: 'claude-code:6f1c2a10-0000-4000-8000-000000000001', turn: 2 });
  const sessionText = (await vscode.workspace.openTextDocument(opened)).getText();
  assert.match(sessionText, /^# Claude Code · /);
  assert.match(sessionText, /## Turn 2 · /);
  assert.equal(vscode.window.activeTextEditor?.selection.active.line, sessionText.split('\n').findIndex((l) => l.startsWith('## Turn 2 ')), 'opened at the turn');
  const usage = await run<vscode.Uri>('skillsmith.showTokenUsage');
  assert.match((await vscode.workspace.openTextDocument(usage)).getText(), /No model calls recorded yet/);
  assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), usage.toString());
  await closeAllEditors();
});
