import { test } from 'node:test';
import assert from 'node:assert/strict';
import manifest from '../../package.json';
import { checkSettingValue, contributedSettings, SETTING_KEYS } from '../../src/vscode/settings-schema';
import { DEFAULT_PIPELINE_RULES } from '../../src/core/distill/pipeline/run';
import { DEFAULT_OFFLINE_RULES } from '../../src/core/distill/offline/engine';
import { DEFAULT_CANARY_SETTINGS } from '../../src/core/evolve/canary/settings';
import { DEFAULT_QUIET_MS } from '../../src/core/evolve/hand-edits/absorb';
import { DEFAULT_TRUST_RULES } from '../../src/core/match/trust/levels';

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

test('the distill, canary, trust and hand-edit settings default to the core defaults', () => {
  const d = (key: string) => contributedSettings().get(key)!.default;
  assert.equal(d('distill.minSessions'), DEFAULT_PIPELINE_RULES.minSessions);
  assert.equal(d('distill.minSessions'), DEFAULT_OFFLINE_RULES.minSessions);
  for (const [key, value] of Object.entries(DEFAULT_CANARY_SETTINGS)) assert.equal(d(`canary.${key}`), value, `canary.${key}`);
  for (const [rule, bounds] of Object.entries(DEFAULT_TRUST_RULES)) {
    for (const [key, value] of Object.entries(bounds)) assert.equal(d(`trust.${rule}.${key}`), value, `trust.${rule}.${key}`);
  }
  assert.equal((d('handEdits.quietMinutes') as number) * 60_000, DEFAULT_QUIET_MS);
});

test('how far skills are trusted is the user\'s call: no workspace can loosen the trust rules', () => {
  const properties = manifest.contributes.configuration.properties as Record<string, { scope?: string }>;
  const trust = Object.keys(properties).filter((k) => k.startsWith('skillsmith.trust.'));
  assert.equal(trust.length, 8);
  for (const key of trust) assert.equal(properties[key]!.scope, 'machine', `${key} is set in user settings only`);
});

test('bounds the settings declare are checked: a share of 0 or 1, a probability above 1', () => {
  const s = contributedSettings();
  assert.match(checkSettingValue(s.get('canary.share')!, 1)!, /less than 1, got 1/);
  assert.match(checkSettingValue(s.get('canary.share')!, 0)!, /more than 0, got 0/);
  assert.equal(checkSettingValue(s.get('canary.share')!, 0.2), undefined);
  assert.match(checkSettingValue(s.get('trust.promote.minLower')!, 1.5)!, /at most 1, got 1.5/);
  assert.match(checkSettingValue(s.get('canary.looks')!, 2.5)!, /whole number/);
  assert.equal(checkSettingValue(s.get('handEdits.quietMinutes')!, 0.01), undefined);
});

test('the commands, menus and untrusted-workspace limits in package.json hang together', () => {
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  const menus = Object.values(manifest.contributes.menus).flat() as Array<{ command: string }>;
  for (const m of menus) assert.ok(commands.has(m.command), `menu item ${m.command} is a contributed command`);
  for (const c of ['distillNow', 'ingestNow', 'addTranscriptFolder', 'showSources', 'openSkill', 'compareVersions', 'acceptCandidate', 'rejectCandidate', 'revertSkill', 'installSkill', 'startCanary', 'promoteCanary', 'stopCanary', 'configureLlm', 'showTokenUsage', 'showLog']) {
    assert.ok(commands.has(`skillsmith.${c}`), `the palette offers skillsmith.${c}`);
  }
  const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const key of ['skillsmith.home', 'skillsmith.llm.baseUrl', 'skillsmith.llm.embeddings.baseUrl']) assert.ok(restricted.includes(key), `${key} is ignored in untrusted workspaces`);
});
