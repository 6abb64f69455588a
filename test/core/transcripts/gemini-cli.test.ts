import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTranscripts } from '../../../src/core/transcripts/read';
import { fixture, roles, tempDir, toolCalls, toolNames, userTexts } from './helpers';

const HASH = 'aee0459c1e72ac1285a7f203fd792011272e31ad87c17cbf803f5bb337a67d91'; // sha256 of /home/dev/weather-app
const CHATS = fixture('gemini-cli', 'tmp', HASH, 'chats');

test('Gemini CLI session file: prompts (text or parts), replies, tool calls with results and errors, model, times', async () => {
  const file = join(CHATS, readdirSync(CHATS)[0]!);
  const r = await readTranscripts(file);
  assert.deepEqual(r.problems, []);
  assert.equal(r.trajectories.length, 1);
  const t = r.trajectories[0]!;
  assert.equal(t.source, 'gemini-cli');
  assert.equal(t.format, 'gemini-cli-session');
  assert.equal(t.sessionId, '5e6f7a8b-1c2d-4e3f-9a0b-c1d2e3f4a5b6');
  assert.equal(t.model, 'gemini-2.5-pro');
  assert.equal(t.startedAt, '2026-02-11T08:15:00.000Z');
  assert.equal(t.endedAt, '2026-02-11T08:19:30.000Z');
  assert.equal(t.workspace, undefined, 'the project hash does not say the folder');
  assert.equal(roles(t), 'UAUA');
  assert.deepEqual(userTexts(t), ['The forecast page shows temperatures in Kelvin. Show Celsius instead.', 'Thanks. Also round to whole degrees.']);
  assert.equal(t.turns[1]!.text, 'I will look at how the forecast is formatted.\n\nThe forecast now converts Kelvin to Celsius before showing it.');
  assert.ok(!JSON.stringify(t).includes('Request cancelled'), 'info messages are not turns');
  assert.ok(!JSON.stringify(t).includes('Finding the formatter'), 'thoughts are left out');
  assert.deepEqual(toolNames(t), ['read_file', 'replace', 'run_shell_command', 'run_shell_command']);
  const [read, replace, shell, lint] = toolCalls(t);
  assert.deepEqual(read, { name: 'read_file', input: { file_path: 'src/format.ts' }, output: 'export const show = (k: number) => k.toFixed(1);' });
  assert.equal(replace!.isError, true);
  assert.equal(replace!.output, 'old_string not found in src/format.ts');
  assert.deepEqual(shell!.input, { command: 'npm test', description: 'Run the tests' });
  assert.equal(shell!.output, 'Command: npm test\nStdout: 4 passing\nExit Code: 0');
  assert.equal(shell!.isError, undefined);
  assert.equal(lint!.isError, true, 'the tool ran, but the command exited 1');
});

test('JSON that only looks like a Gemini session is passed over or reported, never thrown', async () => {
  const dir = tempDir();
  const other = join(dir, 'package.json');
  writeFileSync(other, JSON.stringify({ name: 'x', messages: [] }));
  assert.deepEqual(await readTranscripts(other), { trajectories: [], problems: [{ file: other, reason: 'not a recognized transcript format' }] });
  const broken = join(dir, 'session-1.json');
  writeFileSync(broken, '{"sessionId": "s", "projectHash": "h", "messages": [');
  const r = await readTranscripts(broken);
  assert.deepEqual(r.trajectories, []);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.reason, /not valid JSON/);
  const empty = join(dir, 'session-2.json');
  writeFileSync(empty, JSON.stringify({ sessionId: 's2', projectHash: 'h', messages: [{ type: 'info', content: 'hi' }] }));
  assert.deepEqual((await readTranscripts(empty)).problems, [{ file: empty, reason: 'no user or agent message found' }]);
});
