import { test } from 'node:test';
import assert from 'node:assert/strict';
import manifest from '../../package.json';
import { RESTRICTED_KEYS, scopedValue, SETTING_KEYS } from '../../src/vscode/settings-schema';

// Every setting that chooses a model, a provider, a folder or what is read.
const CHOOSES_MODEL_FOLDER_OR_READ = ['home', 'transcriptFolders', 'allWorkspaces', ...SETTING_KEYS.filter((k) => k.startsWith('llm.'))];

test('every setting that chooses a model, a provider, a folder or what is read is restricted in an untrusted workspace', () => {
  const listed = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  assert.deepEqual([...listed].sort(), CHOOSES_MODEL_FOLDER_OR_READ.map((k) => `skillsmith.${k}`).sort());
  assert.deepEqual([...RESTRICTED_KEYS].sort(), [...CHOOSES_MODEL_FOLDER_OR_READ].sort(), 'the accessor restricts the keys the manifest lists');
});

const inspected = { defaultValue: 'offline', globalValue: 'vscode-lm', workspaceValue: 'openai', workspaceFolderValue: 'openai' };

test('untrusted: a restricted key takes the user value only; the workspace and folder values are ignored', () => {
  assert.equal(scopedValue('llm.provider', inspected, false), 'vscode-lm');
  assert.equal(scopedValue('llm.provider', { defaultValue: 'offline', workspaceValue: 'openai' }, false), undefined, 'no user value: the default applies');
  assert.equal(scopedValue('allWorkspaces', { defaultValue: false, workspaceFolderValue: true }, false), undefined);
});

test('trusted, or a key that is not restricted: the folder value, then the workspace value, then the user value', () => {
  assert.equal(scopedValue('llm.provider', inspected, true), 'openai');
  assert.equal(scopedValue('llm.provider', { globalValue: 'vscode-lm', workspaceValue: 'openai' }, true), 'openai');
  assert.equal(scopedValue('canary.share', { globalValue: 0.3, workspaceValue: 0.5 }, false), 0.5, 'not restricted: the workspace may set it');
  assert.equal(scopedValue('canary.share', { defaultValue: 0.5 }, true), undefined);
});
