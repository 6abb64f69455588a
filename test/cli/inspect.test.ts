import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli, tempDir } from './helpers';

const FIXTURES = resolve(__dirname, '../fixtures/transcripts');
const EARLY = join(FIXTURES, 'claude-code', 'early-1.0.jsonl');
const TOKEN = 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';

test('inspect --json prints normalized trajectories of a session file', () => {
  const r = runCli(['inspect', EARLY, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout) as Array<{ source: string; sessionId: string; turns: Array<{ role: string; text: string }> }>;
  assert.equal(out.length, 1);
  assert.equal(out[0]!.source, 'claude-code');
  assert.equal(out[0]!.sessionId, '11111111-aaaa-4aaa-8aaa-000000000001');
  assert.deepEqual(out[0]!.turns.map((t) => t.role), ['user', 'assistant', 'user', 'assistant']);
});

test('inspect redacts secrets in prompts and tool calls before printing them', () => {
  const dir = tempDir();
  const path = join(dir, 'leaky.jsonl');
  writeFileSync(path, readFileSync(EARLY, 'utf8').replace('Use getopts for it', `Use getopts, and push with ${TOKEN}`).replace('#!/bin/sh', `#!/bin/sh\nexport GH_TOKEN=${TOKEN}`));
  const r = runCli(['inspect', path, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!r.stdout.includes(TOKEN));
  assert.match(r.stdout, /Use getopts, and push with \[REDACTED:github-token\]/);
});

test('inspect of a folder reports each bad file as one `file:line: reason` line and still prints the rest', () => {
  const dir = tempDir();
  const lines = readFileSync(EARLY, 'utf8').split('\n');
  lines[4] = '{broken';
  writeFileSync(join(dir, 'a.jsonl'), lines.join('\n'));
  writeFileSync(join(dir, 'b.jsonl'), '{"not":"a transcript"}\n');
  const r = runCli(['inspect', dir, '--json']);
  assert.equal(r.code, 0);
  assert.equal(JSON.parse(r.stdout).length, 1);
  assert.deepEqual(r.stderr.trim().split('\n').sort(), [
    `${join(dir, 'a.jsonl')}:5: not valid JSON; line skipped`,
    `${join(dir, 'b.jsonl')}: not a recognized transcript format`,
  ]);
  assert.ok(!r.stderr.includes('    at '), 'no stack traces');
});

test('inspect exits 1 when nothing could be read and there were problems', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'x.json'), '{"hello": 1}');
  const r = runCli(['inspect', join(dir, 'x.json'), '--json']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout.trim(), '[]');
  assert.equal(r.stderr.trim(), `${join(dir, 'x.json')}: not a recognized transcript format`);
  assert.equal(runCli(['inspect', join(dir, 'missing')]).code, 1);
});

test('inspect of an empty folder exits 0 with nothing to show', () => {
  const r = runCli(['inspect', tempDir()]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), '0 sessions, 0 problems');
});

test('inspect without --json prints a short summary per session', () => {
  const r = runCli(['inspect', join(FIXTURES, 'codex', 'wrapped-2025.jsonl')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^codex 0199e800-0000-7000-8000-0000000000c1 \(codex-rollout-wrapped\): 2 prompts, 4 turns, 3 tool calls$/m);
  assert.match(r.stdout, /gpt-5-codex {2}\/home\/dev\/calc {2}"Calculator functions"/);
  assert.match(r.stdout, /^ {2}> Add a subtract function$/m);
  assert.match(r.stdout, /^1 session, 0 problems$/m);
});

test('inspect without a path is a usage error', () => {
  assert.equal(runCli(['inspect']).code, 2);
});
