// The Restricted Mode entry (extensionTestsPath of run.sh's second pass): the workspace is NOT trusted, and its
// .vscode/settings.json (written by run.sh) sets restricted settings the extension must not use.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AGENTS, installSkill, type InstallReport } from '../../../src/core/skills/install';
import { SkillLibrary } from '../../../src/core/skills/library/library';
import { StateStore } from '../../../src/core/store/database';
import manifest from '../../../package.json';
import { makeFixtureHome } from '../fixtures/fixture-home';
import { api, REPO, run as command, tempDir } from '../suite/helpers';
import { setting, type SettingKey } from '../../../src/vscode/settings';
import { contributedSettings, RESTRICTED_KEYS } from '../../../src/vscode/settings-schema';
import { runAll, screenshot, test } from '../suite/runner';

const workspace = (): string => vscode.workspace.workspaceFolders![0]!.uri.fsPath;

function workspaceSettings(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(workspace(), '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
}

/** Where the extension reads its library from now: the tree it last sent. */
async function shownLibrary(): Promise<string | undefined> {
  const { browser } = await api();
  await vscode.commands.executeCommand('skillsmith.browser.focus');
  const refreshed = new Promise<string>((done) => {
    const sub = browser.onDidRefresh((m) => {
      sub.dispose();
      done(m.library);
    });
  });
  await command('skillsmith.refresh');
  return refreshed;
}

test('the folder opened in Restricted Mode: the workspace is not trusted', async () => {
  assert.equal(vscode.workspace.isTrusted, false);
  await api(); // the extension still activates (it supports untrusted workspaces in a limited way)
  await screenshot('restricted-mode');
});

test('the restricted settings are ignored from the workspace; the others are read', async () => {
  const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  const given = workspaceSettings();
  assert.ok(restricted.includes('skillsmith.home') && typeof given['skillsmith.home'] === 'string', 'the workspace sets a restricted setting');
  const config = vscode.workspace.getConfiguration('skillsmith');
  assert.equal(config.get('home'), '', 'the workspace\'s home folder is not used');
  assert.equal(config.get('llm.baseUrl'), 'https://api.openai.com/v1', 'nor its model endpoint');
  assert.equal(config.get('canary.share'), 0.25, 'a setting that is not restricted is read from the workspace');
  assert.equal(await shownLibrary(), join(process.env.SKILLSMITH_HOME!, 'library'), 'the views read the home from $SKILLSMITH_HOME, not the workspace');
});

test('the settings accessor ignores every restricted setting the workspace sets, whatever VS Code shows', async () => {
  const given = workspaceSettings();
  const restricted = Object.keys(given).filter((k) => RESTRICTED_KEYS.has(k.replace(/^skillsmith\./, '')));
  assert.ok(restricted.length >= 9, `the workspace sets ${restricted.length} restricted settings`);
  const defaults = contributedSettings();
  for (const full of restricted) {
    const key = full.replace(/^skillsmith\./, '') as SettingKey;
    assert.deepEqual(setting(key), defaults.get(key)!.default, `${full} from the workspace is not used`);
  }
  assert.equal(setting('canary.share'), 0.25, 'a setting that is not restricted is still read from the workspace');
  // the model chosen is the user's (offline by default), not the workspace's remote one with the user's key
  const distilled = await command<{ result?: { tokens: { engine: string } }; error?: string }>('skillsmith.distillNow');
  assert.equal(distilled.error, undefined);
  assert.equal(distilled.result!.tokens.engine, 'offline');
});

test("Ingest Now leaves the sessions kept in the workspace's own files (.specstory/history) unread", async () => {
  const history = join(workspace(), '.specstory', 'history');
  mkdirSync(history, { recursive: true });
  const planted = join(REPO, 'test', 'fixtures', 'transcripts', 'specstory', 'shop', '.specstory', 'history');
  for (const name of readdirSync(planted)) cpSync(join(planted, name), join(history, name));
  try {
    const outcome = await command<{ result: { ingest: { new: number; workspaceFilesSkipped: number } } }>('skillsmith.ingestNow');
    assert.equal(outcome.result.ingest.workspaceFilesSkipped, readdirSync(planted).length);
    assert.equal(outcome.result.ingest.new, 0, 'no planted session became one of the user\'s');
  } finally {
    rmSync(join(workspace(), '.specstory'), { recursive: true, force: true });
  }
});

test('Install Skill: project scope is refused with the reason; user scope installs', async () => {
  const fixture = await makeFixtureHome(tempDir('skillsmith-untrusted-'));
  // a user-level setting: the workspace's value of skillsmith.home would be ignored here
  await vscode.workspace.getConfiguration('skillsmith').update('home', fixture.root, vscode.ConfigurationTarget.Global);
  try {
    const errors: string[] = [];
    const window = vscode.window as unknown as { showErrorMessage: (...a: unknown[]) => unknown };
    const original = window.showErrorMessage;
    window.showErrorMessage = (...args: unknown[]) => {
      errors.push(String(args[0]));
      return original.apply(vscode.window, args);
    };
    let project: InstallReport | undefined;
    try {
      project = await command<InstallReport | undefined>('skillsmith.installSkill', { skill: 'python-venv-setup', agents: ['copilot'], scope: 'project' });
    } finally {
      window.showErrorMessage = original;
    }
    assert.equal(project, undefined, 'nothing installed into the project');
    assert.equal(existsSync(join(workspace(), '.github', 'skills', 'python-venv-setup')), false);
    assert.equal(errors.length, 1, `one error shown: ${JSON.stringify(errors)}`);
    assert.match(errors[0]!, /^Skillsmith: .*project-level installs are off in an untrusted workspace \(trust the workspace, or install at user scope\)$/);

    const user = await command<InstallReport>('skillsmith.installSkill', { skill: 'python-venv-setup', agents: ['claude-code'], scope: 'user' });
    const path = join(homedir(), '.claude', 'skills', 'python-venv-setup');
    assert.deepEqual(user.installed.map((i) => [i.agent, i.scope, i.path, i.status]), [['claude-code', 'user', path, 'installed']]);
    assert.ok(existsSync(join(path, 'SKILL.md')));
  } finally {
    await vscode.workspace.getConfiguration('skillsmith').update('home', undefined, vscode.ConfigurationTarget.Global);
  }
});

test('Promote Canary Now in Restricted Mode moves the user install and leaves the project install as it was', async () => {
  const fixture = await makeFixtureHome(tempDir('skillsmith-untrusted-canary-'));
  const library = await SkillLibrary.open(fixture.library);
  const before = (await library.list()).find((s) => s.name === 'git-bisect')!.version;
  // a project install made earlier, while the workspace was trusted
  const store = await StateStore.open(fixture.state);
  try {
    await installSkill(
      { store, library, skillsmithHome: fixture.root, userHome: fixture.userHome },
      { skill: 'git-bisect', agents: AGENTS.filter((a) => a.name === 'claude-code'), scope: 'project', workspace: workspace(), trustedWorkspace: true },
    );
  } finally {
    await store.close();
  }
  const projectCopy = join(workspace(), '.claude', 'skills', 'git-bisect');
  const marker = (folder: string) => /skillsmith-version: "?([0-9a-f]{40})/.exec(readFileSync(join(folder, 'SKILL.md'), 'utf8'))?.[1];
  await vscode.workspace.getConfiguration('skillsmith').update('home', fixture.root, vscode.ConfigurationTarget.Global);
  try {
    const started = await command<{ state: string }>('skillsmith.startCanary', { skill: 'git-bisect' });
    assert.equal(started.state, 'running');
    const promoted = await command<{ state: string; resultVersion: string }>('skillsmith.promoteCanary', { skill: 'git-bisect' });
    assert.equal(promoted.state, 'promoted');
    assert.equal((await library.list()).find((s) => s.name === 'git-bisect')!.version, promoted.resultVersion);
    assert.equal(marker(join(fixture.userHome, '.claude', 'skills', 'git-bisect')), promoted.resultVersion, 'the user install moved');
    assert.equal(marker(projectCopy), before, 'nothing was written into the untrusted workspace');
  } finally {
    await vscode.workspace.getConfiguration('skillsmith').update('home', undefined, vscode.ConfigurationTarget.Global);
    rmSync(join(workspace(), '.claude'), { recursive: true, force: true });
  }
});

export function run(): Promise<void> {
  return runAll();
}
