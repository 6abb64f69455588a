import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DETAIL_SKILL_MD_CHARS, parseHostMessage, type SkillDetail } from '../../../webview/protocol';
import { FIXTURE } from '../fixtures/fixture-home';
import { api, closeAllEditors, run, until, useFixture } from './helpers';
import { test } from './runner';

test('skills named outside ASCII are in the sidebar with all the others, and their detail and documents open', async () => {
  await useFixture();
  const { browser } = await api();
  const model = await until('the fixture tree', () => browser.lastModel?.groups.find((g) => g.id === 'active')?.skills.length === 7 && browser.lastModel);
  const active = model.groups.find((g) => g.id === 'active')!.skills.map((s) => s.name);
  for (const name of [...FIXTURE.nonAscii, 'git-bisect', FIXTURE.huge]) assert.ok(active.includes(name), `${name} is listed: ${active.join(', ')}`);
  assert.deepEqual(model.notices, [], 'nothing was left out');
  // what the page receives, checked as the page checks it
  const page = parseHostMessage({ type: 'tree', model, state: { filter: '', expanded: [], shown: {} } });
  assert.ok(page?.type === 'tree');
  assert.deepEqual(page.model.groups.map((g) => g.skills.length), model.groups.map((g) => g.skills.length));
  for (const name of FIXTURE.nonAscii) {
    const detail = await run<SkillDetail>('skillsmith.openSkill', { skill: name });
    assert.equal(detail?.name, name);
    const uri = await run<vscode.Uri>('skillsmith.internal.openVersion', { skill: name, version: detail.shown.version });
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', new RegExp(`^---\\nname: ${name}\\n`), uri.toString());
  }
  await closeAllEditors();
});

test('a SKILL.md of more than 200,000 characters is shown cut in the detail panel, and the whole file opens in an editor', async () => {
  await useFixture();
  const detail = await run<SkillDetail>('skillsmith.openSkill', { skill: FIXTURE.huge });
  assert.ok(detail, 'the detail opens');
  assert.ok((detail.skillMdChars ?? 0) > 250_000, `the whole file is ${detail.skillMdChars} characters`);
  assert.ok(detail.skillMd.length <= DETAIL_SKILL_MD_CHARS);
  assert.equal(parseHostMessage({ type: 'detail', detail })?.type, 'detail', 'the page accepts it');
  const { detail: panels } = await api();
  assert.equal(panels.shownDetail(FIXTURE.huge)?.skillMdChars, detail.skillMdChars, 'it was sent to the panel');
  // "Show the whole file" in the panel runs the openVersion action, which is this command
  await run('skillsmith.internal.openVersion', { skill: FIXTURE.huge, version: detail.shown.version });
  const text = await until('the whole SKILL.md in an editor', () => vscode.window.activeTextEditor?.document.getText());
  assert.equal(text.length, detail.skillMdChars);
  assert.match(text, /The last line of the runbook\.\n$/);
  await closeAllEditors();
});
