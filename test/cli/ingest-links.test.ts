import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claudeCodeLines, jsonl } from '../support/session-lines';
import { scratchDir } from '../support/scratch';
import { CLI, type CliRun } from './helpers';

/** Root reads a mode-000 folder; the CLI then runs as this unprivileged user so the folder really is unreadable. */
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** Under root the CLI runs as NOBODY, who must be able to read the build (a clone inside a private folder cannot). */
function nobodyCannotRunCli(): string | undefined {
  if (!asRoot) return undefined;
  const probe = spawnSync(process.execPath, ['-e', 'require("fs").accessSync(process.argv[1], require("fs").constants.R_OK)', CLI], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
  return probe.status === 0 ? undefined : `skipped: running as root, and the unprivileged user this test needs cannot read ${CLI}`;
}
const skipReason = nobodyCannotRunCli();

interface Machine {
  root: string;
  user: string;
  home: string;
  sessions: string;
  locked: string;
  files: string[];
}

/**
 * `~/.codex/sessions` holding two sessions, two symlink loops and a folder nobody may list. Everything else
 * is open to the unprivileged user the CLI runs as under root.
 */
function machine(): Machine {
  const root = realpathSync(scratchDir('skillsmith-cli-links-'));
  const user = join(root, 'user');
  const sessions = join(user, '.codex', 'sessions');
  const file = (rel: string, id: string) => {
    const path = join(sessions, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, jsonl(claudeCodeLines({ sessionId: id, cwd: root, exchanges: 1 })));
    return path;
  };
  const files = [file('2026/01/02/rollout-a.jsonl', '44440000-0000-4000-8000-000000000001'), file('sub/rollout-b.jsonl', '44440000-0000-4000-8000-000000000002')];
  symlinkSync('..', join(sessions, 'sub', 'up'));
  symlinkSync('.', join(sessions, 'self'));
  const locked = join(sessions, 'locked');
  file('locked/rollout-c.jsonl', '44440000-0000-4000-8000-000000000003');
  if (asRoot) chownTree(root, NOBODY);
  chmodSync(locked, 0o000);
  return { root, user, home: join(root, 'skillsmith'), sessions, locked, files };
}

function chownTree(path: string, uid: number): void {
  chownSync(path, uid, uid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) chownTree(join(path, entry.name), uid);
    else if (entry.isFile()) chownSync(join(path, entry.name), uid, uid);
  }
}

/** The built CLI in the machine's home; a hang fails on the timeout instead of blocking the suite. */
function cli(m: Machine, args: string[]): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: m.user, USERPROFILE: m.user, SKILLSMITH_HOME: m.home };
  for (const name of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'CLAUDE_CONFIG_DIR', 'CODEX_HOME', 'COPILOT_HOME', 'SKILLSMITH_SESSION_DIRS', 'GEMINI_CLI_HOME']) delete env[name];
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: m.root,
    env,
    encoding: 'utf8',
    timeout: 30_000,
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  assert.equal(r.signal, null, `skillsmith ${args.join(' ')} did not end (killed by ${r.signal})`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('ingest over symlink loops and an unreadable folder ends, reads each session once and names the folder it could not list', { skip: skipReason }, (t) => {
  const m = machine();
  t.after(() => chmodSync(m.locked, 0o755));
  const run = cli(m, ['ingest', '--json', m.sessions]);
  const report = JSON.parse(run.stdout) as { new: number; files: { total: number }; problems: Array<{ file: string; reason: string }> };
  assert.equal(report.files.total, 2, run.stdout);
  assert.equal(report.problems.filter((p) => p.file === m.locked).length, 1, "reported once");
  assert.equal(report.new, 2);
  const problem = report.problems.find((p) => p.file === m.locked);
  assert.ok(problem, `the locked folder is reported: ${JSON.stringify(report.problems)}`);
  assert.match(problem.reason, /could not list this folder.*permission denied/i);

  const human = cli(m, ['ingest', m.sessions]);
  assert.match(human.stderr, new RegExp(`${escape(m.locked)}: could not list this folder`), human.stderr);
});

test('sources over symlink loops and an unreadable folder ends, counts each session once and names the folder it could not list', { skip: skipReason }, (t) => {
  const m = machine();
  t.after(() => chmodSync(m.locked, 0o755));
  const run = cli(m, ['sources', '--all-workspaces', '--json']);
  const out = JSON.parse(run.stdout) as { sources: Array<{ label: string; files: number; problems: Array<{ folder: string; reason: string }> }> };
  const codex = out.sources.find((s) => s.label === 'Codex')!;
  assert.equal(codex.files, 2);
  assert.equal(codex.problems.length, 1, JSON.stringify(codex.problems));
  assert.equal(codex.problems[0]!.folder, m.locked);
  assert.match(codex.problems[0]!.reason, /permission denied/i);

  const human = cli(m, ['sources', '--all-workspaces']);
  assert.equal(human.code, 0);
  assert.match(human.stderr, new RegExp(`${escape(m.locked)}: could not list this folder`), human.stderr);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
