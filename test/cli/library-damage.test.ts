import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, noGitReason, writeSkill } from '../core/skills/library/helpers';
import { runCli, tempDir } from './helpers';

function damagedHome() {
  const home = tempDir();
  const user = tempDir('skillsmith-user-');
  const env = { HOME: user, USERPROFILE: user };
  const run = (args: string[]) => runCli(args, { home, env, cwd: user });
  assert.equal(run(['library', 'add', writeSkill(tempDir(), 'lint-fix', 'Run the linter and fix what it reports.')]).code, 0);
  // a skill the agent already has in its own folder: matching can still find it without the library
  writeSkill(join(user, '.claude', 'skills'), 'release-notes', 'Write release notes from the merged pull requests.');
  return { home, user, run, library: join(home, 'library') };
}

test('a library with .git/HEAD missing is repaired on the next command, which says so and works', { skip: noGitReason }, () => {
  const { run, library } = damagedHome();
  rmSync(join(library, '.git', 'HEAD'));
  const r = run(['library', 'list']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^lint-fix  /m);
  assert.match(r.stderr, /HEAD was missing; pointed it at refs\/heads\/main/);
  assert.doesNotMatch(r.stderr, /Could not find HEAD/);
  assert.equal(git(library, 'status', '--short').code, 0);
});

test('a corrupt library object names the library and a way out; commands that need no library keep working', { skip: noGitReason }, () => {
  const { run, library } = damagedHome();
  const tip = git(library, 'rev-parse', 'HEAD').stdout.trim();
  const object = join(library, '.git', 'objects', tip.slice(0, 2), tip.slice(2));
  chmodSync(object, 0o644);
  writeFileSync(object, 'garbage');

  const list = run(['library', 'list']);
  assert.equal(list.code, 1);
  assert.match(list.stderr, /the skill library's git repository is damaged/);
  assert.ok(list.stderr.includes(library), list.stderr);
  assert.match(list.stderr, /fsck --full/);
  assert.doesNotMatch(list.stderr, /^skillsmith: Invalid compressed buffer/m);

  const match = run(['match', 'write the release notes']);
  assert.equal(match.code, 0, match.stderr);
  assert.match(match.stdout, /release-notes/);
  assert.match(match.stderr, /damaged.*matching without the library/);

  for (const args of [['status'], ['sources'], ['installs']]) {
    const r = run(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  const sessions = tempDir();
  mkdirSync(join(sessions, 'none'));
  assert.equal(run(['ingest', join(sessions, 'none')]).code, 0);
});
