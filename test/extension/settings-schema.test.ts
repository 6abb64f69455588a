import { test } from 'node:test';
import assert from 'node:assert/strict';
import manifest from '../../package.json';
import { checkSettingValue, contributedSettings, SETTING_KEYS } from '../../src/vscode/settings-schema';

test('package.json contributes exactly the settings the extension reads, each with a description and a valid default', () => {
  const contributed = contributedSettings();
  assert.deepEqual([...contributed.keys()].sort(), [...SETTING_KEYS].sort());
  const properties = manifest.contributes.configuration.properties as Record<string, { markdownDescription?: string; description?: string }>;
  for (const [key, schema] of contributed) {
    const text = properties[`skillsmith.${key}`]!.markdownDescription ?? properties[`skillsmith.${key}`]!.description ?? '';
    assert.ok(text.length > 20, `skillsmith.${key} says what it does`);
    assert.equal(checkSettingValue(schema, schema.default), undefined, `the default of skillsmith.${key} fits its own schema`);
  }
});

test('a hand-written value of the wrong shape is named with the reason', () => {
  const s = contributedSettings();
  assert.match(checkSettingValue(s.get('llm.provider')!, 'gpt')!, /expected one of "offline", "openai", "vscode-lm", got "gpt"/);
  assert.match(checkSettingValue(s.get('llm.burst')!, 0)!, /at least 1/);
  assert.match(checkSettingValue(s.get('llm.maxRetries')!, 1.5)!, /whole number/);
  assert.match(checkSettingValue(s.get('transcriptFolders')!, ['/a', 3])!, /list of strings/);
  assert.match(checkSettingValue(s.get('statusBar.enabled')!, 'yes')!, /true or false/);
  assert.equal(checkSettingValue(s.get('llm.requestsPerMinute')!, 0.5), undefined);
});

test('the commands, menus and untrusted-workspace limits in package.json hang together', () => {
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  const menus = Object.values(manifest.contributes.menus).flat() as Array<{ command: string }>;
  for (const m of menus) assert.ok(commands.has(m.command), `menu item ${m.command} is a contributed command`);
  for (const c of ['distillNow', 'ingestNow', 'addTranscriptFolder', 'showSources', 'openSkill', 'compareVersions', 'acceptCandidate', 'rejectCandidate', 'revertSkill', 'installSkill', 'configureLlm', 'showTokenUsage', 'showLog']) {
    assert.ok(commands.has(`skillsmith.${c}`), `the palette offers skillsmith.${c}`);
  }
  const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const key of ['skillsmith.home', 'skillsmith.llm.baseUrl', 'skillsmith.llm.embeddings.baseUrl']) assert.ok(restricted.includes(key), `${key} is ignored in untrusted workspaces`);
});
