import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { claudeCodeLines, jsonl } from '../support/session-lines';
import { leakedSecrets, PLANTED, secretText } from '../support/planted-secrets';
import { scratchDir } from '../support/scratch';
import { runCli, tempDir, type CliRun } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');

interface Machine {
  /** The Skillsmith home. */
  home: string;
  /** The folder the CLI runs in: the open workspace. */
  workspace: string;
  env: NodeJS.ProcessEnv;
  claude: { mine: string[]; other: string };
}

/** A fake user home with Claude Code sessions of this workspace and of another one; nothing else on the machine is seen. */
function machine(): Machine {
  const root = realpathSync(scratchDir('skillsmith-cli-ingest-'));
  const user = join(root, 'user');
  const workspace = join(root, 'work', 'shop-api');
  const other = join(root, 'work', 'blog');
  mkdirSync(workspace, { recursive: true });
  const projects = join(user, '.claude', 'projects');
  const session = (cwd: string, id: string, exchanges: number) => {
    const dir = join(projects, cwd.replace(/[^A-Za-z0-9]/g, '-'));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${id}.jsonl`);
    writeFileSync(path, jsonl(claudeCodeLines({ sessionId: id, cwd, exchanges })));
    return path;
  };
  const mine = [session(workspace, '33330000-0000-4000-8000-000000000001', 2), session(workspace, '33330000-0000-4000-8000-000000000002', 1)];
  const otherFile = session(other, '33330000-0000-4000-8000-000000000003', 1);
  const env: NodeJS.ProcessEnv = {
    HOME: user,
    USERPROFILE: user,
    XDG_CONFIG_HOME: join(user, '.config'),
    XDG_DATA_HOME: join(user, '.local', 'share'),
    CLAUDE_CONFIG_DIR: undefined,
    CODEX_HOME: undefined,
    COPILOT_HOME: undefined,
    VSCODE_APPDATA: undefined,
    VSCODE_PORTABLE: undefined,
    APPDATA: undefined,
    OPENCLAW_STATE_DIR: undefined,
    OPENCLAW_HOME: undefined,
    CLAWDBOT_STATE_DIR: undefined,
    SKILLSMITH_SESSION_DIRS: undefined,
  };
  return { home: join(root, 'skillsmith'), workspace, env, claude: { mine, other: otherFile } };
}

function cli(m: Machine, args: string[]): CliRun {
  return runCli(args, { home: m.home, cwd: m.workspace, env: m.env });
}

interface ReportJson {
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  problems: Array<{ file: string; line?: number; reason: string }>;
  sessions: Array<{ key: string; status: string }>;
  files: { total: number; read: number; resumed: number };
}

function counts(r: ReportJson): number[] {
  return [r.new, r.updated, r.unchanged, r.failed];
}

test('ingest without paths reads the current folder’s workspace and reports new, updated, unchanged and failed', () => {
  const m = machine();
  let r = cli(m, ['ingest']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `2 new, 0 updated, 0 unchanged, 0 failed (2 files, 2 read; sessions of ${m.workspace})\n`);
  assert.equal(r.stderr, '');

  r = cli(m, ['ingest']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^0 new, 0 updated, 2 unchanged, 0 failed \(2 files, 0 read;/);

  appendFileSync(m.claude.mine[0]!, jsonl(claudeCodeLines({ sessionId: '33330000-0000-4000-8000-000000000001', cwd: m.workspace, exchanges: 3 }).slice(8)));
  writeFileSync(m.claude.mine[1]!, 'garbage, not a session\n');
  r = cli(m, ['ingest']);
  assert.equal(r.code, 1, 'a file that failed makes the run fail');
  assert.match(r.stdout, /^0 new, 1 updated, 0 unchanged, 1 failed \(2 files, 1 read \(1 resumed\);/);
  assert.equal(r.stderr, `${m.claude.mine[1]}: not a recognized transcript format\n`, 'one line per problem, no stack');

  const json = cli(m, ['ingest', '--json']);
  assert.equal(json.code, 1);
  const report = JSON.parse(json.stdout) as ReportJson;
  assert.deepEqual(counts(report), [0, 0, 1, 1]);
  assert.deepEqual(report.sessions.map((s) => s.status).sort(), ['kept', 'unchanged']);
  assert.equal(json.stderr, '', 'with --json the problems are in the report');

  const all = JSON.parse(cli(m, ['ingest', '--all-workspaces', '--json']).stdout) as ReportJson;
  assert.deepEqual(counts(all), [1, 0, 1, 1], 'the other workspace’s session is new');
});

test('ingest PATH reads those files or folders, whatever their workspace', () => {
  const m = machine();
  const samples = join(m.workspace, '..', 'samples');
  cpSync(SAMPLES, samples, { recursive: true });
  const r = cli(m, ['ingest', samples, m.claude.other, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as ReportJson;
  assert.deepEqual(counts(report), [13, 0, 0, 0]);
  assert.equal(report.sessions.filter((s) => s.key.startsWith('codex:')).length, 6);
  assert.equal(report.sessions.filter((s) => s.key.startsWith('claude-code:')).length, 7);

  const again = cli(m, ['ingest', samples]);
  assert.match(again.stdout, /^0 new, 0 updated, 12 unchanged, 0 failed \(12 files, 0 read\)\n$/);
});

test('ingest of a missing path fails with one line; unknown options are usage errors', () => {
  const m = machine();
  const missing = join(m.workspace, 'nope.jsonl');
  const r = cli(m, ['ingest', missing]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `${missing}: no such file or folder\n`);
  assert.equal(cli(m, ['ingest', '--bogus']).code, 2);
  assert.equal(cli(m, ['sources', '--bogus']).code, 2);
});

test('sources lists each agent found, where, and how many sessions of this workspace', () => {
  const m = machine();
  const before = JSON.parse(cli(m, ['sources', '--json']).stdout) as { workspace: string; sources: Array<Record<string, unknown>> };
  assert.equal(before.workspace, m.workspace);
  const claude = before.sources.filter((s) => s.agent === 'claude-code' && s.exists);
  assert.deepEqual(claude, [
    { agent: 'claude-code', label: 'Claude Code', path: join(m.env.HOME!, '.claude', 'projects'), exists: true, files: 2, sessions: 0, pending: 2, failed: 0, problems: [] },
  ]);
  assert.ok(before.sources.some((s) => s.agent === 'codex' && s.exists === false));

  assert.equal(cli(m, ['ingest']).code, 0);
  const human = cli(m, ['sources']);
  assert.equal(human.code, 0, human.stderr);
  assert.equal(human.stdout, `Sessions of ${m.workspace}:\n  Claude Code  2 sessions  ${join(m.env.HOME!, '.claude', 'projects')}\n`);
  const all = JSON.parse(cli(m, ['sources', '--all-workspaces', '--json']).stdout) as { workspace: null; sources: Array<Record<string, unknown>> };
  assert.equal(all.workspace, null);
  assert.deepEqual(all.sources.find((s) => s.agent === 'claude-code' && s.exists), {
    agent: 'claude-code',
    label: 'Claude Code',
    path: join(m.env.HOME!, '.claude', 'projects'),
    exists: true,
    files: 3,
    sessions: 0,
    pending: 3,
    failed: 0,
    problems: [],
  });
});

test('no planted secret appears in ingest --json output or on stderr', () => {
  const m = machine();
  const dir = join(m.workspace, '..', 'planted');
  mkdirSync(dir);
  const id = '5ec0e700-0000-4000-8000-0000000000c1';
  const lines = claudeCodeLines({ sessionId: id, cwd: m.workspace, exchanges: 1, extra: secretText() });
  lines.push(`{"broken": "${PLANTED.github}`, JSON.stringify({ type: 'summary', summary: `key ${PLANTED.aws}`, leafUuid: 'x' }));
  writeFileSync(join(dir, `${id}.jsonl`), jsonl(lines));
  writeFileSync(join(dir, 'notes.jsonl'), `${PLANTED.openai}\n`);
  const r = cli(m, ['ingest', dir, '--json']);
  assert.equal(r.code, 1, 'notes.jsonl is not a session');
  const report = JSON.parse(r.stdout) as ReportJson;
  assert.equal(report.new, 1);
  assert.ok(report.problems.length >= 2, JSON.stringify(report.problems));
  assert.deepEqual(leakedSecrets(r.stdout + r.stderr), []);
  const human = cli(m, ['ingest', dir]);
  assert.deepEqual(leakedSecrets(human.stdout + human.stderr), []);
});

test("ingest in a folder that carries its own .specstory/history: not read without --trust-workspace (said on stderr), read with it and marked as the repository's", () => {
  const root = tempDir();
  const repo = join(root, 'cloned');
  cpSync(join(__dirname, '..', 'fixtures', 'transcripts', 'specstory', 'shop'), repo, { recursive: true });
  const user = join(root, 'user');
  mkdirSync(user);
  const env = { HOME: user, USERPROFILE: user, SKILLSMITH_SESSION_DIRS: '' };
  const home = join(root, 'skillsmith');
  const plain = runCli(['ingest'], { home, cwd: repo, env });
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /^0 new, /);
  assert.match(plain.stderr, /7 session files in this folder's own files \(such as \.specstory\/history\) not read: .*--trust-workspace reads them/);
  const trusted = runCli(['ingest', '--trust-workspace', '--json'], { home, cwd: repo, env });
  assert.equal(trusted.code, 0, trusted.stderr);
  const report = JSON.parse(trusted.stdout) as { new: number; workspaceFilesSkipped: number; sessions: { key: string; origin?: string }[] };
  assert.deepEqual([report.new >= 7, report.workspaceFilesSkipped], [true, 0]);
  assert.deepEqual(report.sessions.filter((s) => s.origin !== 'repository'), [], "every one is marked as the repository's");
});
