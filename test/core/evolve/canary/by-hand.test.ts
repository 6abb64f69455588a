import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canaryEngineWithInstalls, runningCanarySkills, skillsReadyForCanary } from '../../../../src/core/evolve/canary/by-hand';
import { agentTarget } from '../../../../src/core/skills/install/agents';
import { installSkill, type InstallContext } from '../../../../src/core/skills/install/install';
import { listInstallRecords } from '../../../../src/core/skills/install/records';
import { canaryHome, SKILL } from './harness';

type Home = Awaited<ReturnType<typeof canaryHome>>;

function context(h: Home): InstallContext & { userHome: string } {
  return { store: h.store, library: h.library, skillsmithHome: h.dir, userHome: mkdtempSync(join(tmpdir(), 'skillsmith-by-hand-home-')) };
}

async function ready(h: Home): Promise<string[]> {
  return skillsReadyForCanary(h.store, await h.library.list(), await h.library.listCandidates());
}

function markerIn(path: string): string {
  return /skillsmith-version: "?([0-9a-f]{40})/.exec(readFileSync(join(path, 'SKILL.md'), 'utf8'))![1];
}

test('a canary can start by hand only for an installed skill that follows the library, with a candidate and none running', async (t) => {
  const h = await canaryHome(t);
  const install = context(h);
  assert.deepEqual(await ready(h), [], 'not installed: no session would ever load the candidate');
  await installSkill(install, { skill: SKILL, version: h.v1, agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true });
  assert.deepEqual(await ready(h), [], 'a pinned install never serves the candidate');
  await installSkill(install, { skill: SKILL, agents: [agentTarget('codex')], scope: 'user', trustedWorkspace: true });
  assert.deepEqual(await ready(h), [SKILL]);
  assert.deepEqual(runningCanarySkills(h.store), []);
  await canaryEngineWithInstalls(install).start(SKILL);
  assert.deepEqual(await ready(h), [], 'one is running already');
  assert.deepEqual(runningCanarySkills(h.store), [SKILL]);
});

test('promoting by hand moves the installs that follow the library; with an install context limited to some scopes, only those move', async (t) => {
  const h = await canaryHome(t);
  const install = context(h);
  const workspace = mkdtempSync(join(tmpdir(), 'skillsmith-by-hand-ws-'));
  await installSkill(install, { skill: SKILL, agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true });
  await installSkill(install, { skill: SKILL, agents: [agentTarget('claude-code')], scope: 'project', workspace, trustedWorkspace: true });
  const reports: string[] = [];
  const engine = canaryEngineWithInstalls({ ...install, scopes: ['user'] }, { onReport: (r) => reports.push(...r.installed.map((i) => i.scope)) });
  await engine.start(SKILL);
  const promoted = await engine.promote(SKILL);
  const current = (await h.library.list()).find((s) => s.name === SKILL)!.version;
  assert.equal(promoted.state, 'promoted');
  assert.equal(current, promoted.resultVersion);
  assert.notEqual(current, h.v1);
  const byScope = Object.fromEntries(listInstallRecords(h.store, SKILL).map((r) => [r.scope, r]));
  assert.equal(byScope.user!.version, current, 'the user install moved to the promoted version');
  assert.equal(markerIn(byScope.user!.path), current);
  assert.equal(byScope.project!.version, h.v1, 'the project install was left alone');
  assert.equal(markerIn(byScope.project!.path), h.v1);
  assert.deepEqual(reports, ['user']);
});

test('stopping by hand keeps the reason with the canary and the dropped candidate; the installs stay on the current version', async (t) => {
  const h = await canaryHome(t);
  const install = context(h);
  await installSkill(install, { skill: SKILL, agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true });
  const engine = canaryEngineWithInstalls(install);
  await engine.start(SKILL);
  const stopped = await engine.stop(SKILL, 'the new grouping hides fixes');
  assert.equal(stopped.state, 'stopped');
  assert.match(stopped.reason!, /the new grouping hides fixes/);
  assert.match((await h.library.rejections(SKILL))[0]!.reason, /the new grouping hides fixes/);
  assert.equal(listInstallRecords(h.store, SKILL)[0]!.version, h.v1);
  assert.deepEqual(await ready(h), [], 'the candidate is gone');
});
