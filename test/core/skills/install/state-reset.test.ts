import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENTS, agentTarget } from '../../../../src/core/skills/install/agents';
import { installSkill, listInstalls, uninstallSkill } from '../../../../src/core/skills/install/install';
import { listInstallRecords } from '../../../../src/core/skills/install/records';
import { StateStore } from '../../../../src/core/store/database';
import { addSkill, world } from './helpers';

/** The state file is removed (a reset, a new machine with the same home folders) and opened afresh. */
async function resetState(w: Awaited<ReturnType<typeof world>>): Promise<Awaited<ReturnType<typeof world>>> {
  await w.store.close();
  rmSync(join(w.skillsmithHome, 'state.db'));
  const store = await StateStore.open(join(w.skillsmithHome, 'state.db'));
  return { ...w, store, close: () => store.close() };
}

test('after the state is reset, uninstall trusts the ownership file of its copies and links and removes them', async () => {
  let w = await world();
  await addSkill(w.library, 'release', 'Tag, then publish.');
  await installSkill(w, { skill: 'release', agents: AGENTS, scope: 'user', trustedWorkspace: true });
  w = await resetState(w);
  assert.deepEqual(listInstallRecords(w.store), []);

  const report = await uninstallSkill(w, { skill: 'release', agents: AGENTS, scope: 'user' });
  assert.deepEqual(report.failed, []);
  assert.deepEqual(report.removed.map((r) => r.agent).sort(), AGENTS.map((a) => a.name).sort());
  for (const r of report.removed) assert.equal(existsSync(r.path), false, r.path);
  assert.deepEqual(listInstallRecords(w.store), []);
  await w.close();
});

test('after the state is reset, install rebuilds the record from the ownership file and updates the copy', async () => {
  let w = await world();
  const v1 = await addSkill(w.library, 'release', 'Tag, then publish.');
  const agents = [agentTarget('copilot'), agentTarget('claude-code')];
  await installSkill(w, { skill: 'release', agents, scope: 'user', trustedWorkspace: true });
  w = await resetState(w);

  const same = await installSkill(w, { skill: 'release', agents, scope: 'user', trustedWorkspace: true });
  assert.deepEqual(same.failed, []);
  assert.deepEqual(same.installed.map((i) => `${i.agent} ${i.status} ${i.version}`), [`copilot unchanged ${v1}`, `claude-code unchanged ${v1}`]);
  assert.deepEqual((await listInstalls(w)).map((i) => `${i.agent} ${i.method} ${i.state}`), ['claude-code link ok', 'copilot copy ok']);

  const v2 = await addSkill(w.library, 'release', 'Tag, publish, then announce.');
  const moved = await installSkill(w, { skill: 'release', agents, scope: 'user', trustedWorkspace: true });
  assert.deepEqual(moved.installed.map((i) => `${i.agent} ${i.status} ${i.version}`), [`copilot updated ${v2}`, `claude-code updated ${v2}`]);
  assert.match(readFileSync(join(w.userHome, '.copilot/skills/release/SKILL.md'), 'utf8'), /then announce/);
  assert.ok(lstatSync(join(w.userHome, '.claude/skills/release')).isSymbolicLink());
  await w.close();
});

test('after the state is reset, an edited copy is still recognized as edited and kept', async () => {
  let w = await world();
  await addSkill(w.library, 'release', 'Tag, then publish.');
  await installSkill(w, { skill: 'release', agents: [agentTarget('copilot')], scope: 'user', trustedWorkspace: true });
  const md = join(w.userHome, '.copilot/skills/release/SKILL.md');
  writeFileSync(md, readFileSync(md, 'utf8').replace('Tag, then publish.', 'Tag, sign, then publish.'));
  w = await resetState(w);

  const report = await uninstallSkill(w, { skill: 'release', agents: [agentTarget('copilot')], scope: 'user' });
  assert.equal(report.removed.length, 0);
  assert.match(report.failed[0]?.error ?? '', /edits that are not in the library yet.*skillsmith absorb/);
  assert.match(readFileSync(md, 'utf8'), /Tag, sign, then publish/);
  assert.deepEqual((await listInstalls(w)).map((i) => i.state), ['edited'], 'the rebuilt record lets absorb find the edit');
  await w.close();
});

test('a folder whose ownership file names another skill is still not taken', async () => {
  let w = await world();
  await addSkill(w.library, 'release', 'Tag, then publish.');
  await addSkill(w.library, 'other', 'Something else.');
  await installSkill(w, { skill: 'release', agents: [agentTarget('copilot')], scope: 'user', trustedWorkspace: true });
  w = await resetState(w);
  // the user renamed the folder: it now stands where `other` would go
  const from = join(w.userHome, '.copilot/skills/release');
  const to = join(w.userHome, '.copilot/skills/other');
  renameSync(from, to);
  const report = await installSkill(w, { skill: 'other', agents: [agentTarget('copilot')], scope: 'user', trustedWorkspace: true });
  assert.match(report.failed[0]?.error ?? '', /did not install/);
  assert.match(readFileSync(join(to, 'SKILL.md'), 'utf8'), /Tag, then publish/);
  await w.close();
});

test('after the state is reset, uninstalling one linked agent and then another removes both links', async () => {
  let w = await world();
  await addSkill(w.library, 'release', 'Tag, then publish.');
  const links = [agentTarget('claude-code'), agentTarget('cursor')];
  await installSkill(w, { skill: 'release', agents: links, scope: 'user', trustedWorkspace: true });
  w = await resetState(w);
  for (const agent of links) {
    const report = await uninstallSkill(w, { skill: 'release', agents: [agent], scope: 'user' });
    assert.deepEqual([report.failed, report.removed.map((r) => r.agent)], [[], [agent.name]]);
  }
  for (const agent of links) assert.throws(() => lstatSync(join(agent.userDir(w.userHome), 'release')), /ENOENT/);
  await w.close();
});
