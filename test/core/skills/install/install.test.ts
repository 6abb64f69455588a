import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { AGENTS, agentTarget, type AgentTarget, type InstallScope } from '../../../../src/core/skills/install/agents';
import { installSkill, listInstalls, uninstallSkill } from '../../../../src/core/skills/install/install';
import { materializedDir } from '../../../../src/core/skills/install/materialize';
import { OWNERSHIP_FILE } from '../../../../src/core/skills/install/ownership';
import { listInstallRecords } from '../../../../src/core/skills/install/records';
import { findVersionMarkers, stripVersionMarker } from '../../../../src/core/skills/install/version-marker';
import { validateSkillFolder } from '../../../../src/core/skills/skillmd/validate';
import { addSkill, rejectsWith, skillText, throwsWith, world } from './helpers';

const BINARY = Uint8Array.from([0, 255, 128, 10, 13, 0xc3, 0x28]);

/** Where each agent reads a skill, by scope, relative to the user home or the workspace. */
const EXPECTED: Record<string, { user: string; project: string; links: boolean }> = {
  'claude-code': { user: '.claude/skills', project: '.claude/skills', links: true },
  codex: { user: '.agents/skills', project: '.agents/skills', links: false },
  copilot: { user: '.copilot/skills', project: '.github/skills', links: false },
  cursor: { user: '.cursor/skills', project: '.cursor/skills', links: true },
  openclaw: { user: '.openclaw/skills', project: 'skills', links: false },
};

test('installs into every agent at both scopes: links where the agent follows them, copies elsewhere, marker in every SKILL.md', async () => {
  const w = await world();
  const version = await addSkill(w.library, 'run-tests', 'Run `npm test` before you commit.', { 'scripts/check.sh': '#!/bin/sh\necho ok\n', 'assets/logo.bin': BINARY });
  for (const scope of ['user', 'project'] as InstallScope[]) {
    const report = await installSkill(w, { skill: 'run-tests', agents: AGENTS, scope, workspace: w.workspace, trustedWorkspace: true });
    assert.deepEqual(report.failed, []);
    assert.equal(report.installed.length, AGENTS.length);
    for (const agent of AGENTS) {
      const base = scope === 'user' ? w.userHome : w.workspace;
      const path = join(base, EXPECTED[agent.name][scope], 'run-tests');
      const outcome = report.installed.find((i) => i.agent === agent.name)!;
      assert.equal(outcome.path, path, `${agent.name} ${scope}`);
      assert.equal(outcome.version, version);
      const linked = scope === 'user' && EXPECTED[agent.name].links;
      assert.equal(outcome.method, linked ? 'link' : 'copy', `${agent.name} ${scope}`);
      assert.equal(lstatSync(path).isSymbolicLink(), linked, `${agent.name} ${scope}: link or real folder`);
      if (linked) {
        assert.equal(resolve(dirname(path), readlinkSync(path)), materializedDir(w.skillsmithHome, 'run-tests', version));
        assert.equal(realpathSync(path), realpathSync(join(w.skillsmithHome, 'installed', `run-tests@${version.slice(0, 7)}`)));
      } else {
        const owner = JSON.parse(readFileSync(join(path, OWNERSHIP_FILE), 'utf8'));
        assert.equal(owner.kind, 'copy');
        assert.equal(owner.version, version);
      }
      // through the link or in the copy: the marked SKILL.md, the other files byte for byte, still a valid skill
      const md = readFileSync(join(path, 'SKILL.md'), 'utf8');
      assert.deepEqual(findVersionMarkers(md), [{ version }, { version, skill: 'run-tests' }]);
      assert.equal(stripVersionMarker(md), skillText('run-tests', 'Run `npm test` before you commit.'));
      assert.deepEqual(new Uint8Array(readFileSync(join(path, 'assets/logo.bin'))), BINARY);
      if (process.platform !== 'win32') assert.ok((lstatSync(join(path, 'scripts/check.sh')).mode & 0o111) !== 0, 'scripts stay executable');
      const verdict = await validateSkillFolder(path);
      assert.deepEqual(verdict.errors, [], `${agent.name} ${scope}: the installed copy is a valid skill`);
    }
  }
  const records = listInstallRecords(w.store, 'run-tests');
  assert.equal(records.length, AGENTS.length * 2);
  assert.ok(records.every((r) => r.version === version && !r.pinned));
  assert.deepEqual(
    (await listInstalls(w)).map((i) => i.state),
    records.map(() => 'ok'),
  );
  await w.close();
});

test('installing again is a no-op; a new library version updates every install; --version pins', async () => {
  const w = await world();
  const v1 = await addSkill(w.library, 'lint', 'Run the linter.');
  const claude = [agentTarget('claude-code'), agentTarget('copilot')];
  await installSkill(w, { skill: 'lint', agents: claude, scope: 'user', trustedWorkspace: true });
  const again = await installSkill(w, { skill: 'lint', agents: claude, scope: 'user', trustedWorkspace: true });
  assert.deepEqual(again.installed.map((i) => i.status), ['unchanged', 'unchanged']);

  const v2 = await addSkill(w.library, 'lint', 'Run the linter, then fix what it reports.');
  const updated = await installSkill(w, { skill: 'lint', agents: claude, scope: 'user', trustedWorkspace: true });
  assert.deepEqual(updated.installed.map((i) => [i.status, i.version]), [['updated', v2], ['updated', v2]]);
  assert.match(readFileSync(join(w.userHome, '.copilot/skills/lint/SKILL.md'), 'utf8'), new RegExp(`skillsmith-version: ${v2} skill: lint`));
  assert.match(readFileSync(join(w.userHome, '.claude/skills/lint/SKILL.md'), 'utf8'), /then fix what it reports/);
  assert.equal(existsSync(materializedDir(w.skillsmithHome, 'lint', v1)), false, 'a version folder no install uses is removed');

  const pinned = await installSkill(w, { skill: 'lint', version: v1.slice(0, 7), agents: [agentTarget('cursor')], scope: 'user', trustedWorkspace: true });
  assert.equal(pinned.version, v1);
  assert.equal(listInstallRecords(w.store).find((r) => r.agent === 'cursor')!.pinned, true);
  assert.match(readFileSync(join(w.userHome, '.cursor/skills/lint/SKILL.md'), 'utf8'), /^Run the linter\.$/m);
  await w.close();
});

test('links refused with EPERM (Windows without Developer Mode) fall back to a copy, and the note says why', async () => {
  const w = await world();
  const version = await addSkill(w.library, 'deploy', 'Deploy with `make deploy`.');
  const attempts: string[] = [];
  const refuse = async (_target: string, path: string) => {
    attempts.push(path);
    throw Object.assign(new Error('operation not permitted, symlink'), { code: 'EPERM' });
  };
  const report = await installSkill({ ...w, link: refuse }, { skill: 'deploy', agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true });
  const path = join(w.userHome, '.claude/skills/deploy');
  assert.deepEqual(attempts, [path]);
  assert.equal(report.installed[0].method, 'copy');
  assert.match(report.installed[0].note ?? '', /EPERM/);
  assert.equal(lstatSync(path).isDirectory(), true);
  assert.match(readFileSync(join(path, 'SKILL.md'), 'utf8'), new RegExp(`skillsmith-version: ${version}`));
  // another error from the link is a real failure, not a reason to copy
  const broken = async () => {
    throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
  };
  const failed = await installSkill({ ...w, link: broken }, { skill: 'deploy', agents: [agentTarget('cursor'), agentTarget('codex')], scope: 'user', trustedWorkspace: true });
  assert.deepEqual(failed.failed.map((f) => [f.agent, f.error]), [['cursor', 'no space left']]);
  assert.deepEqual(failed.installed.map((i) => i.agent), ['codex'], 'the other agents still get the skill');
  assert.equal(existsSync(join(w.userHome, '.cursor/skills/deploy')), false);
  await w.close();
});

test('a folder Skillsmith did not create is never overwritten, and uninstall removes only what Skillsmith made', async () => {
  const w = await world();
  await addSkill(w.library, 'review', 'Review the diff.');
  const foreign = join(w.userHome, '.claude/skills/review');
  mkdirSync(foreign, { recursive: true });
  writeFileSync(join(foreign, 'SKILL.md'), skillText('review', 'My own review notes.'));
  const lookalike = join(w.userHome, '.copilot/skills/review');
  mkdirSync(lookalike, { recursive: true });
  // a copy that claims to be Skillsmith's but has no install record is not trusted either
  writeFileSync(join(lookalike, OWNERSHIP_FILE), JSON.stringify({ kind: 'copy', skill: 'review', version: 'x', installId: 'forged' }));
  writeFileSync(join(lookalike, 'SKILL.md'), skillText('review', 'Copied by hand.'));

  const report = await installSkill(w, { skill: 'review', agents: AGENTS, scope: 'user', trustedWorkspace: true });
  assert.deepEqual(report.failed.map((f) => f.agent).sort(), ['claude-code', 'copilot']);
  assert.match(report.failed[0].error, /did not install.*leaving it alone/);
  assert.equal(readFileSync(join(foreign, 'SKILL.md'), 'utf8'), skillText('review', 'My own review notes.'));
  assert.equal(readFileSync(join(lookalike, 'SKILL.md'), 'utf8'), skillText('review', 'Copied by hand.'));
  assert.equal(report.installed.length, AGENTS.length - 2);

  const gone = await uninstallSkill(w, { skill: 'review', agents: AGENTS, scope: 'user' });
  assert.deepEqual(gone.removed.map((r) => r.agent).sort(), ['codex', 'cursor', 'openclaw']);
  assert.deepEqual(gone.failed.map((f) => f.agent).sort(), ['claude-code', 'copilot']);
  assert.match(gone.failed[0].error, /not installed by Skillsmith/);
  for (const r of gone.removed) assert.equal(existsSync(r.path), false);
  assert.equal(existsSync(join(foreign, 'SKILL.md')), true);
  assert.equal(existsSync(join(lookalike, 'SKILL.md')), true);
  assert.deepEqual(listInstallRecords(w.store), []);
  assert.equal(existsSync(join(w.skillsmithHome, 'installed')) && existsSync(materializedDir(w.skillsmithHome, 'review', report.version)), false);
  const twice = await uninstallSkill(w, { skill: 'review', agents: [agentTarget('codex')], scope: 'user' });
  assert.deepEqual(twice.notInstalled.map((r) => r.agent), ['codex']);
  await w.close();
});

test('a link replaced by someone else is left alone, and an edited copy is not replaced or removed before it is absorbed', async () => {
  const w = await world();
  await addSkill(w.library, 'docs', 'Write docs.');
  await installSkill(w, { skill: 'docs', agents: [agentTarget('copilot')], scope: 'user', trustedWorkspace: true });
  const copy = join(w.userHome, '.copilot/skills/docs/SKILL.md');
  writeFileSync(copy, readFileSync(copy, 'utf8').replace('Write docs.', 'Write docs, with examples.'));
  await addSkill(w.library, 'docs', 'Write short docs.');
  const update = await installSkill(w, { skill: 'docs', agents: [agentTarget('copilot')], scope: 'user', trustedWorkspace: true });
  assert.match(update.failed[0].error, /edits that are not in the library yet.*skillsmith absorb/);
  const removal = await uninstallSkill(w, { skill: 'docs', agents: [agentTarget('copilot')], scope: 'user' });
  assert.equal(removal.removed.length, 0);
  assert.match(readFileSync(copy, 'utf8'), /with examples/);
  assert.deepEqual((await listInstalls(w)).map((i) => i.state), ['edited']);

  // the user swaps Skillsmith's link for a folder of their own
  await installSkill(w, { skill: 'docs', agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true });
  const link = join(w.userHome, '.claude/skills/docs');
  rmSync(link);
  mkdirSync(link);
  writeFileSync(join(link, 'SKILL.md'), skillText('docs', 'Mine now.'));
  assert.deepEqual((await listInstalls(w)).map((i) => `${i.agent} ${i.state}`), ['claude-code replaced', 'copilot edited']);
  const over = await installSkill(w, { skill: 'docs', agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true });
  assert.match(over.failed[0].error, /did not install/);
  const forget = await uninstallSkill(w, { skill: 'docs', agents: [agentTarget('claude-code')], scope: 'user' });
  assert.deepEqual([forget.removed, forget.notInstalled.map((r) => r.agent)], [[], ['claude-code']]);
  assert.equal(readFileSync(join(link, 'SKILL.md'), 'utf8'), skillText('docs', 'Mine now.'));
  assert.deepEqual(listInstallRecords(w.store).map((r) => r.agent), ['copilot']);
  await w.close();
});

test('an untrusted workspace gets no project install; a quarantined version needs the override', async () => {
  const w = await world();
  const version = await addSkill(w.library, 'shell', 'Use bash.');
  await rejectsWith(
    installSkill(w, { skill: 'shell', agents: AGENTS, scope: 'project', workspace: w.workspace, trustedWorkspace: false }),
    /project-level installs are off in an untrusted workspace/,
  );
  for (const agent of AGENTS) assert.equal(existsSync(agent.projectDir(w.workspace)), false, agent.name);
  assert.deepEqual(listInstallRecords(w.store), []);
  // user scope does not depend on the workspace's trust
  const user = await installSkill(w, { skill: 'shell', agents: [agentTarget('codex')], scope: 'user', trustedWorkspace: false });
  assert.equal(user.installed.length, 1);

  const asked: string[] = [];
  const quarantine = { ...w, isQuarantined: (skill: string, v: string) => (asked.push(`${skill}@${v}`), true) };
  const cursor: AgentTarget[] = [agentTarget('cursor')];
  await rejectsWith(installSkill(quarantine, { skill: 'shell', agents: cursor, scope: 'user', trustedWorkspace: true }), /quarantined.*--force-quarantined/);
  assert.deepEqual(asked, [`shell@${version}`]);
  assert.equal(existsSync(join(w.userHome, '.cursor/skills/shell')), false);
  const forced = await installSkill(quarantine, { skill: 'shell', agents: cursor, scope: 'user', trustedWorkspace: true, forceQuarantined: true });
  assert.equal(forced.installed[0].status, 'installed');
  await w.close();
});

test('bad requests fail with one clear line: unknown skill, unknown version, missing workspace', async () => {
  const w = await world();
  await addSkill(w.library, 'known', 'Body.');
  await rejectsWith(installSkill(w, { skill: 'unknown', agents: AGENTS, scope: 'user', trustedWorkspace: true }), /no skill named "unknown"/);
  await rejectsWith(installSkill(w, { skill: 'known', version: 'abcdef1', agents: AGENTS, scope: 'user', trustedWorkspace: true }), /no version abcdef1/);
  await rejectsWith(
    installSkill(w, { skill: 'known', agents: AGENTS, scope: 'project', workspace: join(w.root, 'nowhere'), trustedWorkspace: true }),
    /no such workspace folder/,
  );
  throwsWith(() => agentTarget('emacs'), /unknown agent "emacs".*claude-code, codex, copilot, cursor, openclaw, or all/);
  await w.close();
});
