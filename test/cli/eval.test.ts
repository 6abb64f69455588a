import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeClaudeSession } from '../core/eval/session-files';
import { CLI, runCli, tempDir } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');

test('eval --json on the sample sessions: the split, the requests and the three methods, the same bytes every run', () => {
  const home = tempDir();
  const first = runCli(['eval', SAMPLES, '--offline', '--json'], { home });
  assert.equal(first.code, 0, first.stderr);
  const report = JSON.parse(first.stdout);
  assert.deepEqual([report.split.sessions, report.split.earlier, report.split.later], [12, 8, 4]);
  assert.equal(report.engine, 'offline');
  assert.equal(report.k, 3);
  assert.deepEqual(Object.keys(report.methods), ['skills', 'rawReuse', 'staticPlaybook']);
  for (const m of Object.values(report.methods) as Record<string, { mean: number; n: number }>[]) {
    for (const metric of ['recall', 'precision', 'f1', 'foresight', 'coverage']) assert.ok(m[metric].mean >= 0 && m[metric].mean <= 1, metric);
  }
  assert.equal(report.requests.length, report.laterRequests.total);
  assert.deepEqual(report.tokens, { engine: 'offline', input: 0, output: 0, calls: 0 });
  assert.equal(runCli(['eval', SAMPLES, '--offline', '--json'], { home }).stdout, first.stdout);
  // the user's home is neither read nor written
  assert.equal(existsSync(join(home, 'state.db')), false);
  assert.equal(existsSync(join(home, 'library')), false);
});

test('eval --json survives a pipe whole', () => {
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" eval "${SAMPLES}" --offline --json | cat`], { encoding: 'utf8', env: { ...process.env, SKILLSMITH_HOME: tempDir() } });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(JSON.parse(r.stdout).requests.length > 0);
});

test('eval prints a table of the skills beside both baselines, with the progress on stderr', () => {
  const r = runCli(['eval', SAMPLES, '--offline', '--split', '0.5', '--k', '2'], { home: tempDir() });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /skills +raw reuse +static playbook/);
  for (const row of ['command recall', 'precision', 'F1', 'failure foresight', 'coverage']) assert.match(r.stdout, new RegExp(`^${row} `, 'm'));
  assert.match(r.stdout, /the earlier 6 distilled, the later 6 judged/);
  assert.match(r.stdout, /k = 2/);
  assert.match(r.stderr, /eval: ingest/);
  assert.match(r.stderr, /eval: match/);
});

test('eval refuses a share out of range and a k that is not a whole number, naming the flag', () => {
  const bad = runCli(['eval', SAMPLES, '--offline', '--split', '1.5'], { home: tempDir() });
  assert.equal(bad.code, 2, 'a bad option value is a usage error');
  assert.match(bad.stderr, /--split/);
  const k = runCli(['eval', SAMPLES, '--offline', '--k', '0'], { home: tempDir() });
  assert.equal(k.code, 2);
  assert.match(k.stderr, /--k/);
});

test('eval of sessions that all start at the same moment says there is nothing later to judge, exit 1', () => {
  const dir = tempDir('skillsmith-eval-same-');
  for (const id of ['s1', 's2', 's3']) writeClaudeSession(dir, id, '2026-01-01T10:00:00.000Z', [{ prompt: 'fix the failing tests', runs: [{ command: 'npm test' }] }]);
  const r = runCli(['eval', dir, '--offline'], { home: tempDir() });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /skillsmith: eval: all 3 dated sessions start at the same moment, so none is later than another \(give sessions from at least two moments\)\n$/);
  assert.equal(r.stdout, '');
});
