import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadSqlJs } from '../../src/core/store/sqljs';
import { runCli, tempDir } from './helpers';

const HOLDER = resolve(__dirname, '../fixtures/store/store-child.ts');

interface StatusJson {
  home: string;
  library: { path: string; exists: boolean };
  state: { path: string; schemaVersion: number; readOnly: boolean; tables: Array<{ name: string; rows: number }> };
  notices: string[];
}

test('status on a new home creates the state file and reports it', () => {
  const home = tempDir();
  const r = runCli(['status'], { home });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, new RegExp(`^home +${escape(home)}$`, 'm'));
  assert.match(r.stdout, /^library .*library \(not created yet\)$/m);
  assert.match(r.stdout, new RegExp(`^state +${escape(join(home, 'state.db'))}$`, 'm'));
  assert.match(r.stdout, /^schema +version [1-9]\d*$/m);
  assert.match(runCli(['status', '--verbose'], { home }).stdout, /^ +meta +\d+$/m, 'the table counts, with --verbose');
  assert.deepEqual(readdirSync(home), ['state.db']);
});

test('status --json reports the library, the schema version and row counts per table', () => {
  const home = tempDir();
  mkdirSync(join(home, 'library'));
  const r = runCli(['status', '--json'], { home });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as StatusJson;
  assert.equal(report.home, home);
  assert.deepEqual(report.library, { path: join(home, 'library'), exists: true });
  assert.equal(report.state.path, join(home, 'state.db'));
  assert.equal(report.state.readOnly, false);
  assert.ok(report.state.schemaVersion >= 1);
  assert.deepEqual(report.state.tables.find((t) => t.name === 'meta'), { name: 'meta', rows: 3 });
  assert.deepEqual(report.notices, []);
});

test('status with a corrupt state file says on stderr where it went, and exits 0 with a fresh store', () => {
  const home = tempDir();
  mkdirSync(join(home, 'library', 'a-skill'), { recursive: true });
  writeFileSync(join(home, 'library', 'a-skill', 'SKILL.md'), 'kept\n');
  const garbage = randomBytes(5000);
  writeFileSync(join(home, 'state.db'), garbage);

  const r = runCli(['status', '--json'], { home });
  assert.equal(r.code, 0, r.stderr);
  const aside = readdirSync(home).filter((n) => n.startsWith('state.db.corrupt-'));
  assert.equal(aside.length, 1);
  assert.match(r.stderr, new RegExp(`^skillsmith: State file ${escape(join(home, 'state.db'))} is not a SQLite database; moved it to ${escape(join(home, aside[0]))} and started a fresh one\\.$`, 'm'));
  assert.deepEqual(readFileSync(join(home, aside[0])), garbage);
  const report = JSON.parse(r.stdout) as StatusJson;
  assert.equal(report.notices.length, 1);
  assert.ok(report.state.schemaVersion >= 1);
  assert.equal(readFileSync(join(home, 'library', 'a-skill', 'SKILL.md'), 'utf8'), 'kept\n');

  const again = runCli(['status'], { home });
  assert.equal(again.code, 0);
  assert.equal(again.stderr, '', 'the fresh store is healthy');
});

test('status refuses a state file from a newer Skillsmith with exit 1 and one line naming it', async () => {
  const home = tempDir();
  const state = join(home, 'state.db');
  const created = runCli(['status', '--json'], { home });
  const version = (JSON.parse(created.stdout) as StatusJson).state.schemaVersion;
  const SQL = await loadSqlJs();
  const db = new SQL.Database(readFileSync(state));
  db.run("UPDATE meta SET value = ? WHERE key = 'schema_version'", [String(version + 50)]);
  writeFileSync(state, db.export());
  db.close();
  const before = readFileSync(state);

  const r = runCli(['status'], { home });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`^skillsmith: ${escape(state)}: was written by a newer Skillsmith \\(schema version ${version + 50}; this one knows up to ${version}\\)`));
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.deepEqual(readdirSync(home), ['state.db']);
  assert.deepEqual(readFileSync(state), before);
});

test('status while another process holds the state file shows it read-only and exits 0', async () => {
  const home = tempDir();
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, 'hold', join(home, 'state.db')], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((ok, fail) => {
      child.stdout.on('data', (d) => String(d).includes('ready') && ok());
      child.on('exit', (code) => fail(new Error(`holder exited early (${code})`)));
    });
    const r = runCli(['status', '--json'], { home });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`is in use by another Skillsmith process \\(pid ${child.pid} .*; showing it read-only`));
    const report = JSON.parse(r.stdout) as StatusJson;
    assert.equal(report.state.readOnly, true);
    assert.ok(report.state.tables.some((t) => t.name === 'meta'));
  } finally {
    child.stdin.end();
    await new Promise((r) => child.once('exit', r));
  }
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
