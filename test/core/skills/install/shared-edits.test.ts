import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENTS, agentTarget } from '../../../../src/core/skills/install/agents';
import { installSkill, listInstalls, uninstallSkill } from '../../../../src/core/skills/install/install';
import { materializedDir } from '../../../../src/core/skills/install/materialize';
import { listInstallRecords } from '../../../../src/core/skills/install/records';
import { recordHandEdits } from '../../../../src/core/evolve/hand-edits/record';
import { addSkill, world } from './helpers';

function editThroughClaude(userHome: string, skill: string, from: string, to: string): string {
  const md = join(userHome, '.claude/skills', skill, 'SKILL.md');
  writeFileSync(md, readFileSync(md, 'utf8').replace(from, to));
  return md;
}

test('uninstall --agent all keeps a hand edit made through the Claude Code link, though other installs share its folder', async () => {
  const w = await world();
  const version = await addSkill(w.library, 'deploy', 'Deploy with the script.');
  await installSkill(w, { skill: 'deploy', agents: AGENTS, scope: 'user', trustedWorkspace: true });
  editThroughClaude(w.userHome, 'deploy', 'Deploy with the script.', 'Deploy with the script, then check the health page.');
  const shared = materializedDir(w.skillsmithHome, 'deploy', version);

  const report = await uninstallSkill(w, { skill: 'deploy', agents: AGENTS, scope: 'user' });
  assert.match(readFileSync(join(shared, 'SKILL.md'), 'utf8'), /check the health page/, 'the edited folder is kept');
  const kept = report.failed.map((f) => f.agent);
  assert.ok(kept.includes('claude-code'), `the edited link is kept and said so: ${JSON.stringify(report)}`);
  for (const f of report.failed) assert.match(f.error, /edits that are not in the library yet.*skillsmith absorb/);
  // the edit stays reachable the way every hand edit is: through an install record that absorb reads
  assert.ok((await listInstalls(w)).some((i) => i.state === 'edited'), 'the edit is still seen as a hand edit');

  const absorbed = await recordHandEdits({ ...w, quietMs: 0 });
  assert.equal(absorbed.committed.length, 1, JSON.stringify(absorbed));
  assert.match((await w.library.show('deploy')).files['SKILL.md'], /check the health page/);
  await w.close();
});

test('moving the Claude Code link to a new version keeps its hand edit when only copies share the folder', async () => {
  const w = await world();
  const v1 = await addSkill(w.library, 'deploy', 'Deploy with the script.');
  const agents = [agentTarget('claude-code'), agentTarget('copilot')];
  await installSkill(w, { skill: 'deploy', agents, scope: 'user', trustedWorkspace: true });
  editThroughClaude(w.userHome, 'deploy', 'Deploy with the script.', 'Deploy carefully.');
  await addSkill(w.library, 'deploy', 'Deploy with the new script.');

  const update = await installSkill(w, { skill: 'deploy', agents, scope: 'user', trustedWorkspace: true });
  assert.match(update.failed.map((f) => `${f.agent}: ${f.error}`).join('\n'), /claude-code: .*edits that are not in the library yet/);
  assert.match(readFileSync(join(materializedDir(w.skillsmithHome, 'deploy', v1), 'SKILL.md'), 'utf8'), /Deploy carefully/);
  assert.equal(listInstallRecords(w.store).find((r) => r.agent === 'claude-code')?.version, v1);
  await w.close();
});

test('once the edit made through the link is absorbed, the old version folder goes with the move', async () => {
  const w = await world();
  const v1 = await addSkill(w.library, 'deploy', 'Deploy with the script.');
  const agents = [agentTarget('claude-code'), agentTarget('copilot')];
  await installSkill(w, { skill: 'deploy', agents, scope: 'user', trustedWorkspace: true });
  editThroughClaude(w.userHome, 'deploy', 'Deploy with the script.', 'Deploy carefully.');
  const absorbed = await recordHandEdits({ ...w, quietMs: 0 });
  assert.equal(absorbed.committed.length, 1, JSON.stringify(absorbed));
  await installSkill(w, { skill: 'deploy', agents, scope: 'user', trustedWorkspace: true });
  assert.ok(listInstallRecords(w.store).every((r) => r.version !== v1), 'every install moved to the recorded edit');
  assert.equal(existsSync(materializedDir(w.skillsmithHome, 'deploy', v1)), false, 'nothing edited is left there, so it is not kept');
  await w.close();
});
