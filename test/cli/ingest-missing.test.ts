import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claudeCodeLines, jsonl } from '../support/session-lines';
import { scratchDir } from '../support/scratch';
import { runCli } from './helpers';

test('ingest reports sessions whose file is gone as missing, in the text and the JSON, without failing', () => {
  const root = scratchDir('skillsmith-cli-missing-');
  const home = join(root, 'skillsmith');
  const sessions = join(root, 'sessions');
  mkdirSync(sessions);
  const ids = ['44440000-0000-4000-8000-000000000001', '44440000-0000-4000-8000-000000000002'];
  const paths = ids.map((id) => {
    const path = join(sessions, `${id}.jsonl`);
    writeFileSync(path, jsonl(claudeCodeLines({ sessionId: id, cwd: '/home/dev/shop-api', exchanges: 2 })));
    return path;
  });
  assert.equal(runCli(['ingest', sessions], { home }).stdout, '2 new, 0 updated, 0 unchanged, 0 failed (2 files, 2 read)\n');

  rmSync(paths[0]);
  const text = runCli(['ingest', sessions], { home });
  assert.equal(text.code, 0, text.stderr);
  assert.equal(text.stdout, '0 new, 0 updated, 1 unchanged, 0 failed, 1 missing (file gone; kept, not distilled) (1 file, 0 read)\n');
  const json = runCli(['ingest', sessions, '--json'], { home });
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as { missing: number; unchanged: number; sessions: { key: string; status: string }[] };
  assert.equal(report.missing, 1);
  assert.deepEqual(report.sessions.find((s) => s.status === 'missing'), { key: `claude-code:${ids[0]}`, status: 'missing' });
});
