import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function tempDir(prefix = 'skillsmith-library-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function skillMd(name: string, body: string, description = `Handles ${name} tasks. Use when the user works on ${name}.`): string {
  return `---\nname: ${name}\ndescription: ${description}\n---\n\n${body}\n`;
}

/** Writes (or overwrites) the skill folder `<parent>/<name>` with a SKILL.md and any extra files. */
export function writeSkill(parent: string, name: string, body: string, extra: Record<string, string> = {}): string {
  const folder = join(parent, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'SKILL.md'), skillMd(name, body));
  for (const [path, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

/** Runs the real git binary in `dir`, isolated from the user's and the system's git configuration. */
export function git(dir: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' },
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export const hasGit = spawnSync('git', ['--version']).status === 0;
export const noGitReason = hasGit ? false : 'the git binary is not installed';

/**
 * The real git sees a healthy repository: `git fsck --full` passes and reports nothing (not even dangling
 * objects, unless allowed), and the working tree matches HEAD.
 */
export function assertHealthyRepo(dir: string, opts: { allowDangling?: boolean } = {}): void {
  const fsck = git(dir, 'fsck', '--full', '--strict');
  assert.equal(fsck.code, 0, `git fsck failed:\n${fsck.stdout}${fsck.stderr}`);
  const report = (fsck.stdout + fsck.stderr).split('\n').filter((l) => l.trim() && !(opts.allowDangling && l.startsWith('dangling ')));
  assert.deepEqual(report, [], 'git fsck reported problems');
  const status = git(dir, 'status', '--porcelain');
  assert.equal(status.code, 0, status.stderr);
  assert.equal(status.stdout, '', 'the working tree differs from HEAD');
}

/** `git log` of a ref as [id, subject] pairs, newest first. */
export function gitLog(dir: string, ref = 'HEAD'): Array<[string, string]> {
  const r = git(dir, 'log', '--format=%H %s', ref);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => [l.slice(0, 40), l.slice(41)] as [string, string]);
}
