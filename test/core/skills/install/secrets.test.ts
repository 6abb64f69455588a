import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENTS } from '../../../../src/core/skills/install/agents';
import { installSkill } from '../../../../src/core/skills/install/install';
import { fingerprintOf } from '../../../../src/core/skills/library/secret-check';
import { addSkill, rejectsWith, skillText, world } from './helpers';

const TOKEN = ['ghp_', 'Z9x8C7v6B5n4M3a2S1d0F9g8H7j6K5l4P3o2'].join('');
const hasGit = spawnSync('git', ['--version']).status === 0;

function git(dir: string, ...args: string[]): void {
  const r = spawnSync('git', ['-C', dir, '-c', 'user.name=old', '-c', 'user.email=old@example.com', ...args], { encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
  assert.equal(r.status, 0, r.stderr);
}

test('a version holding a secret (committed before the check, or with git by hand) is not installed into any agent', { skip: hasGit ? false : 'no git binary' }, async () => {
  const w = await world();
  await addSkill(w.library, 'deploy', 'Run the deploy.');
  const repo = join(w.skillsmithHome, 'library');
  writeFileSync(join(repo, 'deploy', 'SKILL.md'), skillText('deploy', `Push with GITHUB_TOKEN=${TOKEN}`));
  git(repo, 'commit', '-qam', 'update(deploy): by hand');
  await rejectsWith(installSkill(w, { skill: 'deploy', agents: AGENTS, scope: 'user', trustedWorkspace: true }), /SKILL\.md:6 (github-token|env-secret) \(fingerprint [0-9a-f]{12}\)/);
  for (const agent of AGENTS) {
    const md = join(agent.userDir(w.userHome), 'deploy', 'SKILL.md');
    assert.ok(!existsSync(md) || !readFileSync(md, 'utf8').includes(TOKEN), agent.name);
  }
  assert.ok(!existsSync(join(w.skillsmithHome, 'installed')) || spawnSync('grep', ['-r', TOKEN, join(w.skillsmithHome, 'installed')]).status === 1, 'nothing materialized holds it');
  await w.close();
});

test('a version whose commit allows the secret installs', async () => {
  const w = await world();
  const src = join(w.root, 'src-tutorial');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(src, 'tutorial'), { recursive: true });
  writeFileSync(join(src, 'tutorial', 'SKILL.md'), skillText('tutorial', `Example: \`export GITHUB_TOKEN=${TOKEN}\``));
  await w.library.add(join(src, 'tutorial'), 'tutorial', { allowSecrets: [fingerprintOf(TOKEN)] });
  const report = await installSkill(w, { skill: 'tutorial', agents: AGENTS.slice(0, 1), scope: 'user', trustedWorkspace: true });
  assert.equal(report.installed.length, 1, JSON.stringify(report.failed));
  await w.close();
});
