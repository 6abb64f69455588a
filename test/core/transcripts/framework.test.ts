import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../../../src/core/transcripts/adapter';
import { claudeCodeReader, type ClaudeState } from '../../../src/core/transcripts/adapters/claude-code/reader';
import { chooseReader, sampleFile } from '../../../src/core/transcripts/detect';
import { readJsonlFrom, readTranscripts } from '../../../src/core/transcripts/read';
import { READERS } from '../../../src/core/transcripts/registry';
import { fixture, tempDir, userTexts } from './helpers';

const EARLY = fixture('claude-code', 'early-1.0.jsonl');

test('a truncated last line is left for later: the session is read up to it and the offset stays before it', async () => {
  const full = readFileSync(EARLY);
  const lastStart = full.lastIndexOf(0x0a, full.length - 2) + 1;
  const dir = tempDir();
  const path = join(dir, 'growing.jsonl');
  writeFileSync(path, full.subarray(0, lastStart + 40));

  const first = await readJsonlFrom(path, claudeCodeReader);
  assert.deepEqual(first.problems, []);
  assert.equal(first.offset, lastStart);
  assert.equal(first.line, 8);
  assert.equal(first.trajectories[0]!.turns.length, 3); // the last answer is still being written

  // the writer finishes the line; resume from a persisted (JSON round-tripped) state
  appendFileSync(path, full.subarray(lastStart + 40));
  const saved = JSON.parse(JSON.stringify(first.state)) as ClaudeState;
  const resumed = await readJsonlFrom(path, claudeCodeReader, saved, first.offset, first.line);
  assert.deepEqual(resumed.problems, []);
  assert.equal(resumed.offset, full.length);
  assert.equal(resumed.line, 9);
  const whole = await readJsonlFrom(EARLY, claudeCodeReader);
  assert.deepEqual(resumed.trajectories, whole.trajectories);
});

test('a corrupt middle line is one problem naming file and line, and reading goes on', async () => {
  const lines = readFileSync(EARLY, 'utf8').split('\n');
  lines[4] = '{"parentUuid":"r1","type":"assistant", oops';
  const path = join(tempDir(), 'corrupt.jsonl');
  writeFileSync(path, lines.join('\n'));
  const r = await readTranscripts(path);
  assert.equal(r.problems.length, 1);
  assert.equal(formatProblem(r.problems[0]!), `${path}:5: not valid JSON; line skipped`);
  assert.deepEqual(userTexts(r.trajectories[0]!), ['Add a --dry-run flag to the deploy script', 'Use getopts for it']);
});

test('a saved offset past the end of a rewritten file is reported, not misread', async () => {
  const path = join(tempDir(), 'short.jsonl');
  copyFileSync(EARLY, path);
  const r = await readJsonlFrom(path, claudeCodeReader, undefined, 10_000_000);
  assert.equal(r.trajectories.length, 0);
  assert.match(r.problems[0]!.reason, /shorter than the saved offset/);
});

test('detection sniffs content, not the file name', async () => {
  const dir = tempDir();
  const disguised = join(dir, 'notes.txt');
  copyFileSync(EARLY, disguised);
  assert.equal(chooseReader(disguised, await sampleFile(disguised), READERS)?.format, 'claude-code-jsonl');
  const plain = join(dir, 'session.jsonl');
  writeFileSync(plain, '{"hello":"world"}\n');
  assert.equal(chooseReader(plain, await sampleFile(plain), READERS), undefined);
});

test('a folder is walked file by file: bad files are problems, the good ones are still read', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
  copyFileSync(EARLY, join(dir, 'nested', 'deeper', 'a.jsonl'));
  copyFileSync(fixture('claude-code', 'branches-2.0.jsonl'), join(dir, 'b.jsonl'));
  writeFileSync(join(dir, 'unknown.jsonl'), '{"what":1}\n{"what":2}\n');
  writeFileSync(join(dir, 'binary.jsonl'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0a]));
  writeFileSync(join(dir, 'empty.jsonl'), '');
  writeFileSync(join(dir, 'README.md'), '# not a session\n');
  const r = await readTranscripts(dir);
  assert.deepEqual(r.trajectories.map((t) => t.sessionId).sort(), ['11111111-aaaa-4aaa-8aaa-000000000001', '22222222-bbbb-4bbb-8bbb-000000000002']);
  assert.deepEqual(
    r.problems.map(formatProblem).sort(),
    [`${join(dir, 'binary.jsonl')}: not a recognized transcript format`, `${join(dir, 'unknown.jsonl')}: not a recognized transcript format`],
  );
});

test('a named path that is missing, empty or unknown is one problem, never an exception', async () => {
  const dir = tempDir();
  assert.deepEqual(await readTranscripts(join(dir, 'nope.jsonl')), {
    trajectories: [],
    problems: [{ file: join(dir, 'nope.jsonl'), reason: 'no such file or folder' }],
  });
  writeFileSync(join(dir, 'empty.json'), '');
  assert.equal((await readTranscripts(join(dir, 'empty.json'))).problems[0]!.reason, 'empty file');
  writeFileSync(join(dir, 'notes.md'), 'hello');
  assert.equal((await readTranscripts(join(dir, 'notes.md'))).problems[0]!.reason, 'not a recognized transcript format');
});
