import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { noGitReason, writeSkill } from '../core/skills/library/helpers';
import { runCli, tempDir } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');

/** A Skillsmith home with `changelog` installed for Claude Code under a private HOME, and a candidate waiting. */
function installedWithCandidate() {
  const home = tempDir();
  const user = tempDir('skillsmith-user-');
  const src = tempDir();
  const env = { HOME: user, USERPROFILE: user };
  const ok = (args: string[]) => {
    const r = runCli(args, { home, env });
    assert.equal(r.code, 0, `skillsmith ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  ok(['library', 'add', writeSkill(src, 'changelog', 'Version one.')]);
  ok(['install', 'changelog', '--agent', 'claude-code']);
  ok(['library', 'propose', writeSkill(join(src, 'next'), 'changelog', 'Version two, better.'), '-r', 'sharper steps']);
  const canaries = () => JSON.parse(ok(['canary', 'status', '--json'])) as { canary: { skill: string; state: string } }[];
  return { ok, canaries };
}

test('distill starts a canary for the candidate of an installed skill; drafts of new skills get none', { skip: noGitReason }, () => {
  const s = installedWithCandidate();
  const out = s.ok(['distill', SAMPLES, '--offline']);
  assert.match(out, /^ {2}canary started for changelog: candidate [0-9a-f]{7} against [0-9a-f]{7} \(see `skillsmith canary status`\)$/m);
  assert.deepEqual(s.canaries().map((c) => [c.canary.skill, c.canary.state]), [['changelog', 'running']]);
  const again = JSON.parse(s.ok(['distill', SAMPLES, '--offline', '--json'])) as { canariesStarted: unknown[] };
  assert.deepEqual(again.canariesStarted, [], 'the running canary is not started twice');
});

test('distill --no-canary leaves the candidate waiting for review', { skip: noGitReason }, () => {
  const s = installedWithCandidate();
  const report = JSON.parse(s.ok(['distill', SAMPLES, '--offline', '--no-canary', '--json'])) as { canariesStarted: unknown[] };
  assert.deepEqual(report.canariesStarted, []);
  assert.deepEqual(s.canaries(), []);
});
