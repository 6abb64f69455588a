import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../../../../src/core/errors';
import { SkillLibrary } from '../../../../src/core/skills/library/library';
import { fingerprintOf } from '../../../../src/core/skills/library/secret-check';
import { git, noGitReason, skillMd, tempDir, writeSkill } from './helpers';

const TOKEN = ['ghp_', 'Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8'].join('');
const PASSWORD = 'Tr0ub4dor&3xyzzy';

/** Every object of the repository, decompressed, as one text (what `git cat-file --batch-all-objects` reads). */
function allObjects(repo: string): string {
  return git(repo, 'cat-file', '--batch-all-objects', '--batch').stdout;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  assert.ok(e, 'refused');
  return describeError(e);
}

test('library add refuses a skill holding a secret, saying the file, the line and the kind, never the secret', { skip: noGitReason }, async () => {
  const root = tempDir();
  const lib = await SkillLibrary.open(join(root, 'library'));
  const folder = writeSkill(join(root, 'src'), 'deploy', `Steps:\n1. Run \`DOCKER_REGISTRY_PASSWORD=${PASSWORD} npm run deploy\`.`, { 'scripts/env.sh': `export GITHUB_TOKEN=${TOKEN}\n` });
  const message = await refusal(lib.add(folder));
  assert.match(message, /SKILL\.md:7 password/);
  assert.match(message, /scripts\/env\.sh:1 (github-token|env-secret)/);
  assert.match(message, /fingerprint [0-9a-f]{12}/);
  assert.ok(!message.includes(TOKEN) && !message.includes(PASSWORD) && !message.includes('3xyzzy'), message);
  assert.deepEqual(await lib.list(), []);
  assert.ok(!allObjects(join(root, 'library')).includes(TOKEN));
});

test('a candidate proposal and an update are refused the same way', { skip: noGitReason }, async () => {
  const root = tempDir();
  const lib = await SkillLibrary.open(join(root, 'library'));
  await lib.add(writeSkill(join(root, 'src'), 'deploy', 'Run the deploy.'));
  const leaky = writeSkill(join(root, 'src2'), 'deploy', `Log in: my password is ${PASSWORD}`);
  assert.match(await refusal(lib.proposeCandidate('deploy', leaky, 'better')), /SKILL\.md:\d+ password/);
  assert.match(await refusal(lib.update('deploy', leaky, 'better')), /SKILL\.md:\d+ password/);
  assert.ok(!allObjects(join(root, 'library')).includes(PASSWORD));
});

test('a hand edit in the library folder that adds a secret is not committed', { skip: noGitReason }, async () => {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  await lib.add(writeSkill(join(root, 'src'), 'deploy', 'Run the deploy.'));
  writeFileSync(join(repo, 'deploy', 'SKILL.md'), skillMd('deploy', `Use token ${TOKEN} to push.`));
  assert.match(await refusal(lib.add(writeSkill(join(root, 'src2'), 'deploy', 'Run the deploy, v2.'))), /SKILL\.md:\d+ github-token/);
  assert.ok(!allObjects(repo).includes(TOKEN));
});

test('a fake key on purpose is allowed by its fingerprint, and the allowance is recorded with the version', { skip: noGitReason }, async () => {
  const root = tempDir();
  const repo = join(root, 'library');
  const lib = await SkillLibrary.open(repo);
  const folder = writeSkill(join(root, 'src'), 'tutorial', `Export the example key: \`export GITHUB_TOKEN=${TOKEN}\``);
  const v = await lib.add(folder, 'tutorial', { allowSecrets: [fingerprintOf(TOKEN)] });
  assert.match(v.message, new RegExp(`Allowed-Secret: (github-token|env-secret) ${fingerprintOf(TOKEN)} SKILL\\.md:6`));
  // in the front matter instead: kept by every later write, hand edits included
  const second = join(root, 'src2', 'tutorial');
  mkdirSync(second, { recursive: true });
  writeFileSync(join(second, 'SKILL.md'), `---\nname: tutorial\ndescription: Shows the example key. Use when learning.\nmetadata:\n  skillsmith-allowed-fingerprints: "${fingerprintOf(TOKEN)}"\n---\n\nExport \`GITHUB_TOKEN=${TOKEN}\`\n`);
  const v2 = await lib.add(second, 'v2');
  assert.match(v2.message, /Allowed-Secret:/);
  // another secret is still refused
  writeFileSync(join(second, 'SKILL.md'), `---\nname: tutorial\ndescription: Shows the example key. Use when learning.\nmetadata:\n  skillsmith-allowed-fingerprints: "${fingerprintOf(TOKEN)}"\n---\n\nExport \`GITHUB_TOKEN=${TOKEN}\` and DB_PASSWORD=${PASSWORD}\n`);
  assert.match(await refusal(lib.add(second, 'v3')), /SKILL\.md:8 password/);
});
