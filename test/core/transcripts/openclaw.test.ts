import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openClawTrajectoryReader, type OpenClawState } from '../../../src/core/transcripts/adapters/openclaw/trajectory';
import { readJsonlFrom, readTranscripts } from '../../../src/core/transcripts/read';
import { fixture, roles, tempDir, toolCalls, toolNames, userTexts } from './helpers';

const RUNTIME = fixture('openclaw', 'runtime.trajectory.jsonl');

test('runtime trajectory: each run rebuilt from its snapshot, cut-short snapshots fall back to the final texts', async () => {
  const r = await readTranscripts(RUNTIME);
  assert.deepEqual(r.problems, []);
  const t = r.trajectories[0]!;
  assert.equal(t.source, 'openclaw');
  assert.equal(t.format, 'openclaw-trajectory');
  assert.equal(t.sessionId, '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b');
  assert.equal(t.workspace, '/home/dev/notes');
  assert.equal(t.model, 'claude-sonnet-4-5');
  assert.equal(roles(t), 'UAUAUA');
  assert.deepEqual(userTexts(t), ["Summarize today's notes into a todo list", 'Add them to my calendar for tomorrow', 'Thanks, remind me at 9']);
  assert.equal(t.turns[1]!.text, "Reading today's notes.\n\nTodo:\n1. Call the bank\n2. Fix the bike");
  assert.deepEqual(toolCalls(t), [
    { name: 'read', input: { path: 'notes/2026-01-01.md' }, output: '- call the bank\n- fix bike', isError: false },
    { name: 'calendar_add', input: { title: 'Call the bank', day: '2026-01-02' }, output: 'calendar not connected', isError: true },
  ]);
  assert.equal(t.turns[5]!.text, 'I will remind you at 9:00.');
  assert.equal(t.turns[0]!.timestamp, '2026-01-01T10:00:00.000Z');
  assert.equal(t.startedAt, '2026-01-01T10:00:00.000Z');
  assert.equal(t.endedAt, '2026-01-01T10:05:02.100Z');
  assert.ok(!JSON.stringify(t).includes('List the notes folder'), 'thinking is not what the agent said');
});

test('exported bundle events: the transcript events are the conversation, tool.call duplicates skipped', async () => {
  const r = await readTranscripts(fixture('openclaw', 'export-events.jsonl'));
  assert.deepEqual(r.problems, []);
  const t = r.trajectories[0]!;
  assert.equal(t.sessionId, '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d');
  assert.equal(t.workspace, undefined, 'the $WORKSPACE_DIR placeholder is not a folder');
  assert.equal(t.model, 'gpt-5.2');
  assert.equal(roles(t), 'UA');
  assert.deepEqual(userTexts(t), ['Rename the draft to final.md']);
  assert.deepEqual(toolNames(t), ['exec']);
  assert.equal(t.turns[1]!.text, 'Renaming.\n\nRenamed draft.md to final.md.');
});

test('a growing trajectory resumes from a persisted state and offset', async () => {
  const full = readFileSync(RUNTIME);
  const cut = full.indexOf('"ts": "2026-01-01T10:01:40');
  const lineStart = full.lastIndexOf(0x0a, cut) + 1;
  const path = join(tempDir(), 's.trajectory.jsonl');
  writeFileSync(path, full.subarray(0, lineStart));
  const first = await readJsonlFrom(path, openClawTrajectoryReader);
  assert.equal(roles(first.trajectories[0]!), 'UA');
  writeFileSync(path, full);
  const saved = JSON.parse(JSON.stringify(first.state)) as OpenClawState;
  const resumed = await readJsonlFrom(path, openClawTrajectoryReader, saved, first.offset, first.line);
  const whole = await readJsonlFrom(RUNTIME, openClawTrajectoryReader);
  assert.deepEqual(resumed.problems, []);
  assert.deepEqual(resumed.trajectories, whole.trajectories);
});

test('a line of another schema is a problem at that line, the rest is read', async () => {
  const lines = readFileSync(RUNTIME, 'utf8').split('\n');
  lines.splice(2, 0, JSON.stringify({ type: 'user', sessionId: 'x', message: { content: 'hi' } }));
  const path = join(tempDir(), 'mixed.trajectory.jsonl');
  writeFileSync(path, lines.join('\n'));
  const r = await readTranscripts(path);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.line, 3);
  assert.equal(roles(r.trajectories[0]!), 'UAUAUA');
});
