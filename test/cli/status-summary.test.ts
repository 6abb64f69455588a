import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scratchDir } from '../support/scratch';
import { runCli } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');

test('status is a summary to act on: sessions by source, skills by state, canaries, last run, problems; the tables only with --verbose', () => {
  const home = scratchDir('skillsmith-status-summary-');
  const sessions = join(scratchDir('skillsmith-status-sessions-'), 'sessions');
  cpSync(SAMPLES, sessions, { recursive: true });
  assert.equal(runCli(['distill', sessions, '--offline'], { home }).code, 0);

  const r = runCli(['status'], { home });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^sessions +12 stored: 6 claude-code, 6 codex$/m);
  assert.match(r.stdout, /^skills +0 active, 3 drafts awaiting review \(skillsmith library candidates\), 0 candidates, 0 in a canary, 0 quarantined$/m);
  assert.match(r.stdout, /^canaries +none running$/m);
  assert.match(r.stdout, /^last run +ingest \d{4}-\d\d-\d\d \d\d:\d\d UTC, distill \d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);
  assert.match(r.stdout, /^problems +none$/m);
  assert.doesNotMatch(r.stdout, /^tables/m, 'the table counts are for --verbose');
  const verbose = runCli(['status', '--verbose'], { home });
  assert.match(verbose.stdout, /^tables$/m);
  assert.match(verbose.stdout, /^ +sessions +12$/m);

  rmSync(join(sessions, 'codex'), { recursive: true });
  runCli(['ingest', sessions], { home });
  const after = runCli(['status', '--json'], { home });
  const report = JSON.parse(after.stdout);
  assert.deepEqual(report.summary.sessions.bySource, { 'claude-code': 6, codex: 6 });
  assert.equal(report.summary.skills.draft, 3);
  assert.ok(report.state.tables.length > 10, 'the JSON keeps the table counts');
  assert.deepEqual(report.problems, ['6 session files are gone: their sessions are kept but no longer distilled']);
  assert.match(runCli(['status'], { home }).stdout, /^problems +6 session files are gone: their sessions are kept but no longer distilled$/m);
});
