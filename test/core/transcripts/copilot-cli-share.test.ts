import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Trajectory } from '../../../src/core/transcripts/model';
import { readTranscripts } from '../../../src/core/transcripts/read';
import { fixture, roles, tempDir, toolCalls, toolNames, userTexts } from './helpers';

async function readOne(path: string): Promise<Trajectory> {
  const r = await readTranscripts(path);
  assert.deepEqual(r.problems, []);
  assert.equal(r.trajectories.length, 1);
  const t = r.trajectories[0]!;
  assert.equal(t.source, 'copilot');
  assert.equal(t.format, 'copilot-cli-share');
  return t;
}

test('Copilot CLI /share export (Feb 2026 layout): prompts, replies, `$` commands with exit codes, failed calls, model', async () => {
  const t = await readOne(fixture('copilot-cli-share', 'inventory-cli-2026-02.md'));
  assert.equal(t.sessionId, '7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f');
  assert.equal(t.model, 'gpt-5.1');
  assert.equal(t.startedAt, '2026-02-09T09:05:07', 'local time as exported, no zone invented');
  assert.equal(t.endedAt, '2026-02-09T10:07:10', 'start plus the duration');
  assert.equal(roles(t), 'UAUA');
  assert.deepEqual(userTexts(t), ['The stock report in inventory/report.py crashes on an empty warehouse.\n\nCan you find out why and fix it?', 'Should I ship it?']);
  assert.equal(t.turns[0]!.timestamp, '2026-02-09T09:05:19');
  // a heading inside the agent's reply stays in its text; reasoning and info blocks are not turns
  assert.equal(
    t.turns[1]!.text,
    'The average divides by the number of items, so an empty list divides by zero.\n\n### Plan\n\n1. Guard the empty case.\n2. Add a test.\n\nFixed: an empty warehouse now reports an average of 0.',
  );
  assert.ok(!JSON.stringify(t).includes('Looking at the report'), 'reasoning is left out');
  assert.deepEqual(toolNames(t), ['view', 'bash', 'edit', 'edit', 'bash', 'ask_user']);
  const [view, failing, noMatch, edit, passing, ask] = toolCalls(t);
  assert.deepEqual(view!.input, { description: 'view the file at /home/dev/inventory/inventory/report.py', path: '/home/dev/inventory/inventory/report.py' });
  assert.equal(view!.output, '1. def average_stock(items):\n2.     return sum(i.count for i in items) / len(items)\n3. \n4. ---');
  assert.equal(view!.isError, undefined);
  assert.deepEqual(failing!.input, { description: 'Run the report tests', command: 'python -m pytest tests/test_report.py -q' });
  assert.equal(failing!.output, 'F.\n1 failed, 1 passed in 0.02s\n<exited with exit code 1>');
  assert.equal(failing!.isError, true, 'a non-zero exit code is a failed call');
  assert.equal(noMatch!.isError, true, '❌ marks a failed call');
  assert.equal(noMatch!.output, 'No match found');
  assert.equal(edit!.isError, undefined);
  assert.equal(passing!.isError, undefined, 'exit code 0');
  assert.deepEqual(ask!.input, { question: 'Ship now or after review?', choices: ['Now', 'After review'] });
  assert.equal(ask!.output, 'User selected: After review');
});

test('Copilot CLI /share export (Mar 2026 layout): arguments as JSON and results as {content, detailedContent}', async () => {
  const t = await readOne(fixture('copilot-cli-share', 'notes-app-2026-03.md'));
  assert.equal(t.sessionId, '0c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d');
  assert.equal(t.startedAt, '2026-03-04T23:30:00');
  assert.equal(t.endedAt, '2026-03-04T23:32:10');
  assert.equal(roles(t), 'UA');
  assert.deepEqual(userTexts(t), ['Rename the `draft` flag to `unpublished` in the notes API.']);
  const [grep, failed, typecheck] = toolCalls(t);
  assert.deepEqual(grep!.input, { command: 'grep -rn "draft" src/api', description: 'Find uses of the draft flag' });
  assert.equal(grep!.output, 'src/api/notes.ts:12:  draft: boolean;\n<exited with exit code 0>');
  assert.equal(grep!.isError, undefined);
  assert.deepEqual(failed, { name: 'bash', input: { command: 'npm test -- notes', description: 'Run the notes tests' }, isError: true });
  assert.equal(typecheck!.isError, true, 'exit code 2');
  assert.equal(t.turns[1]!.text, 'Renamed; one type error remains at notes.ts line 30.');
});

test('a Markdown file that is not a Copilot CLI export is not read as one; an export without turns is a problem', async () => {
  const dir = tempDir();
  const other = join(dir, 'notes.md');
  writeFileSync(other, '# Notes\n\n### 👤 User\n\nnot an export\n');
  assert.deepEqual((await readTranscripts(other)).trajectories, []);
  const empty = join(dir, 'empty.md');
  writeFileSync(empty, '# 🤖 Copilot CLI Session\n\n> **Session ID:** `abc`\n\n<sub>⏱️ 0s</sub>\n\n### ℹ️ Info\n\nnothing else\n');
  const r = await readTranscripts(empty);
  assert.deepEqual(r.trajectories, []);
  assert.deepEqual(r.problems, [{ file: empty, reason: 'no user or agent message found' }]);
});
