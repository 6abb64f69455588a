import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertHealthyRepo, gitLog, noGitReason, skillMd, writeSkill } from '../core/skills/library/helpers';
import { runCli, tempDir } from './helpers';

interface Version {
  id: string;
  shortId: string;
  date: string;
  message: string;
}

function ok(args: string[], home: string): string {
  const r = runCli(args, { home });
  assert.equal(r.code, 0, `skillsmith ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function json<T>(args: string[], home: string): T {
  return JSON.parse(ok([...args, '--json'], home)) as T;
}

test('library round trip through the CLI: add, change twice, log, diff, revert, and git agrees', { skip: noGitReason }, () => {
  const home = tempDir();
  const src = tempDir();
  assert.match(ok(['library', 'init'], home), /^Created an empty skill library in .*library\n$/);
  assert.deepEqual(json(['library', 'init'], home), { path: join(home, 'library'), created: false, skills: 0 });

  const folder = writeSkill(src, 'git-hygiene', 'Commit small.', { 'scripts/check.sh': 'echo check\n' });
  assert.match(ok(['library', 'add', folder], home), /^[0-9a-f]{7}  add\(git-hygiene\): first version\n$/);
  writeSkill(src, 'git-hygiene', 'Commit small.\nWrite good messages.');
  json<Version>(['library', 'add', folder, '--reason', 'messages matter'], home);
  writeSkill(src, 'git-hygiene', 'Commit small and often.\nWrite good messages.');
  json<Version>(['library', 'add', folder, '-r', 'often'], home);

  const log = json<Version[]>(['library', 'log', 'git-hygiene'], home);
  assert.deepEqual(log.map((v) => v.message), ['update(git-hygiene): often', 'update(git-hygiene): messages matter', 'add(git-hygiene): first version']);
  assert.ok(log.every((v) => /^[0-9a-f]{40}$/.test(v.id)));
  const textLog = ok(['library', 'log', 'git-hygiene'], home).trim().split('\n');
  assert.equal(textLog.length, 3);
  assert.ok(textLog[0].startsWith(`${log[0].shortId}  `) && textLog[0].endsWith('  update(git-hygiene): often'));

  const [v3, , v1] = log;
  const diff = ok(['library', 'diff', 'git-hygiene', v1.shortId, v3.shortId], home);
  assert.match(diff, /^--- a\/git-hygiene\/SKILL\.md$/m);
  assert.match(diff, /^-Commit small\.$/m);
  assert.match(diff, /^\+Commit small and often\.$/m);
  assert.equal(json<{ diff: string }>(['library', 'diff', 'git-hygiene', v1.id, v3.id], home).diff, diff);

  const reverted = json<Version>(['library', 'revert', 'git-hygiene', v1.shortId], home);
  assert.equal(reverted.message, `revert(git-hygiene): to ${v1.shortId}`);
  const after = json<Version[]>(['library', 'log', 'git-hygiene'], home);
  assert.deepEqual(after.map((v) => v.id), [reverted.id, ...log.map((v) => v.id)]);

  const shown = ok(['library', 'show', 'git-hygiene'], home);
  assert.equal(shown, `${skillMd('git-hygiene', 'Commit small.')}\nOther files:\n  scripts/check.sh\n`);
  const old = json<{ version: string; files: Record<string, string> }>(['library', 'show', `git-hygiene@${v3.shortId}`], home);
  assert.equal(old.version, v3.id);
  assert.equal(old.files['SKILL.md'], skillMd('git-hygiene', 'Commit small and often.\nWrite good messages.'));

  const list = json<Array<{ name: string; version: string }>>(['library', 'list'], home);
  assert.deepEqual(list.map((s) => [s.name, s.version]), [['git-hygiene', reverted.id]]);
  assert.match(ok(['library', 'list'], home), /^git-hygiene  [0-9a-f]{7}  \S+  Handles git-hygiene tasks\./);

  const repo = join(home, 'library');
  assertHealthyRepo(repo);
  assert.deepEqual(gitLog(repo).slice(0, 4).map(([id]) => id), after.map((v) => v.id));
});

test('candidates through the CLI: propose, list, accept, propose again, reject, see why', { skip: noGitReason }, () => {
  const home = tempDir();
  const src = tempDir();
  ok(['library', 'add', writeSkill(src, 'triage', 'Read the log.')], home);
  const cand = tempDir();
  const proposed = json<Version>(['library', 'propose', writeSkill(cand, 'triage', 'Read the log.\nBisect.'), '--reason', 'bisect finds it faster'], home);
  assert.equal(proposed.message, 'propose(triage): bisect finds it faster');
  const listed = json<Array<{ name: string; branch: string; reason: string }>>(['library', 'candidates'], home);
  assert.deepEqual(listed.map((c) => [c.name, c.branch, c.reason]), [['triage', 'candidate/triage', 'bisect finds it faster']]);

  const accepted = json<Version>(['library', 'accept', 'triage'], home);
  assert.equal(accepted.message, 'accept(triage): bisect finds it faster');
  assert.match(ok(['library', 'show', 'triage'], home), /Bisect\./);
  assert.equal(ok(['library', 'candidates'], home), 'No candidates.\n');

  ok(['library', 'propose', writeSkill(tempDir(), 'triage', 'Guess.'), '-r', 'shorter'], home);
  assert.match(ok(['library', 'reject', 'triage', '--reason', 'guessing is not triage'], home), /^Rejected the candidate for triage/);
  assert.deepEqual(json(['library', 'candidates'], home), []);
  const rejections = json<Array<{ reason: string; candidate: string }>>(['library', 'rejected', 'triage'], home);
  assert.deepEqual(rejections.map((r) => r.reason), ['guessing is not triage']);
  assert.match(ok(['library', 'show', `triage@${rejections[0].candidate}`], home), /Guess\./);
  assertHealthyRepo(join(home, 'library'));
});

test('library CLI errors: invalid skill and unknown names exit 1 with one line; usage mistakes exit 2', () => {
  const home = tempDir();
  const bad = join(tempDir(), 'bad-skill');
  mkdirSync(bad);
  writeFileSync(join(bad, 'SKILL.md'), '---\nname: bad-skill\n---\n');
  const refused = runCli(['library', 'add', bad], { home });
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /^skillsmith: .*bad-skill: not a valid skill: .*missing required field "description".*\n$/);
  assert.deepEqual(JSON.parse(runCli(['library', 'list', '--json'], { home }).stdout), []);

  const unknown = runCli(['library', 'log', 'nobody'], { home });
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /no skill named "nobody" in the library/);
  ok(['library', 'add', writeSkill(tempDir(), 'somebody', 'Body.')], home);
  const badVersion = runCli(['library', 'show', 'somebody@nothex'], { home });
  assert.equal(badVersion.code, 1);
  assert.match(badVersion.stderr, /"nothex" is not a version id/);
  assert.equal(runCli(['library', 'revert', 'somebody', 'abcdef12'], { home }).code, 1);

  assert.equal(runCli(['library', 'diff', 'somebody'], { home }).code, 2);
  assert.equal(runCli(['library', 'remove', 'somebody'], { home }).code, 2, 'remove needs --reason');
  assert.equal(runCli(['library', 'no-such-subcommand'], { home }).code, 2);

  // --home wins over SKILLSMITH_HOME
  const other = tempDir();
  const viaFlag = runCli(['--home', other, 'library', 'list', '--json'], { home });
  assert.equal(viaFlag.code, 0, viaFlag.stderr);
  assert.deepEqual(JSON.parse(viaFlag.stdout), []);
  assert.ok(existsSync(join(other, 'library', '.git')));
});
