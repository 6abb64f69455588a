import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resolveHome, HOME_ENV } from '../../../src/core/home';
import { SkillLibrary } from '../../../src/core/skills/library/library';
import type { LibrarySkill } from '../../../src/core/skills/library/types';
import { screenshot, test } from './runner';

const LIST_SKILLS = 'skillsmith.listSkills';

function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'skillsmith-exthost-'));
}

/** Writes a valid skill folder and records it in the library of `home` through the core API. */
async function addSkill(home: string, name: string, description: string): Promise<string> {
  const folder = join(mkdtempSync(join(tmpdir(), 'skill-src-')), name);
  mkdirSync(folder);
  writeFileSync(join(folder, 'SKILL.md'), `---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\n\nSteps go here.\n`);
  const library = await SkillLibrary.open(resolveHome(home).library);
  return (await library.add(folder)).id;
}

async function setHomeSetting(home: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('skillsmith').update('home', home, vscode.ConfigurationTarget.Workspace);
  assert.equal(vscode.workspace.getConfiguration('skillsmith').get('home'), home ?? '');
}

function listSkills(): Thenable<LibrarySkill[]> {
  return vscode.commands.executeCommand<LibrarySkill[]>(LIST_SKILLS);
}

test('List Skills on an empty library lists nothing', async () => {
  await setHomeSetting(tempHome());
  await vscode.commands.executeCommand('skillsmith.browser.focus');
  assert.deepEqual(await listSkills(), []);
  await screenshot('empty-library');
});

test('with the home setting empty, List Skills reads the library under $SKILLSMITH_HOME', async () => {
  // test/vscode/run.sh points SKILLSMITH_HOME at a scratch folder; never touch a real ~/.skillsmith
  const envHome = process.env[HOME_ENV];
  assert.ok(envHome, `${HOME_ENV} is not set in the extension host (test/vscode/run.sh sets it)`);
  const version = await addSkill(envHome, 'from-env-home', 'Found through the environment variable.');
  await setHomeSetting(undefined);
  const listed = await listSkills();
  assert.deepEqual(listed.map((s) => [s.name, s.version]), [['from-env-home', version]]);
});

test('List Skills lists a skill added to the library of the home the setting names', async () => {
  const home = tempHome();
  const version = await addSkill(home, 'git-bisect', 'Find the commit that broke a test with git bisect.');
  await setHomeSetting(home);
  const listed = await listSkills();
  assert.equal(listed.length, 1);
  assert.equal(listed[0]!.name, 'git-bisect');
  assert.equal(listed[0]!.description, 'Find the commit that broke a test with git bisect.');
  assert.equal(listed[0]!.version, version);
  assert.match(listed[0]!.updatedAt, /^\d{4}-\d{2}-\d{2}T/);
  await screenshot('list-skills');
});
