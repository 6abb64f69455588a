import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { noGitReason, writeSkill } from '../core/skills/library/helpers';
import { runCli, tempDir } from './helpers';

const DRAFT = /"?deploy-preview"? is a draft awaiting review: `skillsmith library accept deploy-preview`/;

/** A home whose library holds one accepted skill and one draft (a new skill proposed, not yet accepted). */
function homeWithDraft() {
  const home = tempDir();
  const user = tempDir('skillsmith-user-');
  const src = tempDir();
  const env = { HOME: user, USERPROFILE: user };
  const run = (args: string[]) => runCli(args, { home, env, cwd: user });
  const accepted = writeSkill(src, 'lint-fix', 'Run the linter and fix what it reports.');
  assert.equal(run(['library', 'add', accepted]).code, 0);
  const draft = writeSkill(src, 'deploy-preview', 'Deploy a preview environment for the branch, then post its address on the pull request.');
  const proposed = run(['library', 'propose', draft, '--reason', 'seen in three sessions']);
  assert.equal(proposed.code, 0, proposed.stderr);
  return { home, run };
}

test('library list shows drafts awaiting review in their own section', { skip: noGitReason }, () => {
  const { run } = homeWithDraft();
  const r = run(['library', 'list']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^lint-fix  /m);
  assert.match(r.stdout, /Drafts awaiting review[^\n]*\n\s*deploy-preview\b/);
  assert.match(r.stdout, /skillsmith library accept deploy-preview/);
});

test('library list with only drafts does not call the library empty', { skip: noGitReason }, () => {
  const home = tempDir();
  const src = tempDir();
  const draft = writeSkill(src, 'deploy-preview', 'Deploy a preview environment for the branch.');
  assert.equal(runCli(['library', 'propose', draft, '--reason', 'seen twice'], { home }).code, 0);
  const r = runCli(['library', 'list'], { home });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /library is empty\./);
  assert.match(r.stdout, /no accepted skills yet/i);
  assert.match(r.stdout, /deploy-preview/);
});

test('install, trust and library log name a waiting draft as a draft, with the command that accepts it', { skip: noGitReason }, () => {
  const { run } = homeWithDraft();
  for (const args of [['install', 'deploy-preview', '--agent', 'claude-code'], ['trust', 'deploy-preview'], ['library', 'log', 'deploy-preview']]) {
    const r = run(args);
    assert.notEqual(r.code, 0, `${args.join(' ')} should fail`);
    assert.match(r.stderr, DRAFT, `${args.join(' ')}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /no skill named/, args.join(' '));
  }
  // a name that is neither a skill nor a draft keeps the plain message
  assert.match(run(['library', 'log', 'nothing-here']).stderr, /no skill named "nothing-here"/);
});

test('match says when a waiting draft fits the request', { skip: noGitReason }, () => {
  const { run } = homeWithDraft();
  const r = run(['match', 'deploy a preview environment for this branch']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout + r.stderr, DRAFT);
  const j = JSON.parse(run(['match', 'deploy a preview environment for this branch', '--json']).stdout) as { drafts?: { skill: string }[] };
  assert.deepEqual(j.drafts?.map((d) => d.skill), ['deploy-preview']);
  // a request the draft does not fit does not mention it
  const other = run(['match', 'run the linter and fix it']);
  assert.doesNotMatch(other.stdout + other.stderr, /deploy-preview/);
});
