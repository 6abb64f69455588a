import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../../../src/core/transcripts/adapter';
import { readTranscripts } from '../../../src/core/transcripts/read';
import { fixture, roles, tempDir, toolCalls, userTexts } from './helpers';

const WS = fixture('copilot', 'workspaceStorage', '0f3c9a1e5b7d');
const LOG = join(WS, 'chatSessions', '5e1f0000-aaaa-4aaa-8aaa-000000000001.jsonl');

async function readOne(path: string) {
  const r = await readTranscripts(path);
  assert.deepEqual(r.problems, []);
  assert.equal(r.trajectories.length, 1);
  return r.trajectories[0]!;
}

test('mutation log: set, push (with truncation), delete replayed; rounds give arguments and results', async () => {
  const t = await readOne(LOG);
  assert.equal(t.format, 'copilot-chatsession-jsonl');
  assert.equal(t.title, 'Notes summary');
  assert.equal(t.workspace, '/home/dev/my notes');
  // request 2 was pushed, then cut off by a push with i:1 before request 3 arrived
  assert.deepEqual(userTexts(t), ['Summarize notes.md', 'Make it a checklist']);
  assert.equal(roles(t), 'UAUA');
  // the part pushed with i:2 replaced the draft text
  assert.equal(t.turns[1]!.text, 'Reading the file. Summary: three todos.');
  assert.deepEqual(toolCalls(t), [{ name: 'read_file', input: { filePath: '/home/dev/my notes/notes.md' }, output: '- todo 1\n- todo 2\n- todo 3' }]);
  assert.equal(t.turns[3]!.text, 'Done: `notes.md` is now a checklist.');
  assert.equal(t.startedAt, new Date(1760000000000).toISOString());
  assert.equal(t.endedAt, new Date(1760000125000).toISOString());
});

test('mutation log: a corrupt middle line stops the replay there (later changes would land on the wrong state)', async () => {
  const lines = readFileSync(LOG, 'utf8').split('\n');
  lines[9] = '{"kind":2,"k":["requests"],"v":[{"requestId":"request_2"'; // line 10
  const path = join(tempDir(), 'session.jsonl');
  writeFileSync(path, lines.join('\n'));
  const r = await readTranscripts(path);
  assert.deepEqual(r.problems.map(formatProblem), [`${path}:10: not valid JSON; stopped reading here`]);
  assert.deepEqual(userTexts(r.trajectories[0]!), ['Summarize notes.md']);
});

test('mutation log: a change to a path that does not exist is reported and skipped; delete removes', async () => {
  const path = join(tempDir(), 'session.jsonl');
  writeFileSync(
    path,
    [
      '{"kind":0,"v":{"version":3,"sessionId":"s1","requests":[],"inputState":{"selectedModel":{"identifier":"copilot/x"}}}}',
      '{"kind":1,"k":["requests",4,"modelState"],"v":{"value":1}}',
      '{"kind":3,"k":["inputState"]}',
      '{"kind":2,"k":["requests"],"v":[{"requestId":"r","message":{"text":"hi"},"response":[{"value":"hello"}]}]}',
      '',
    ].join('\n'),
  );
  const r = await readTranscripts(path);
  assert.deepEqual(r.problems.map(formatProblem), [`${path}:2: path requests.4 does not exist; change ignored`]);
  assert.equal(roles(r.trajectories[0]!), 'UA');
  assert.equal(r.trajectories[0]!.model, undefined); // the selected model went with the deleted inputState
});

test('a folder prefers <id>.jsonl over the same session in <id>.json, and reads v1, v2 and the event stream', async () => {
  const r = await readTranscripts(WS);
  assert.deepEqual(r.problems, []);
  const byFormat = Object.fromEntries(r.trajectories.map((t) => [t.format, t]));
  assert.deepEqual(Object.keys(byFormat).sort(), ['copilot-agent-transcript', 'copilot-chatsession-jsonl', 'copilot-chatsession-v1', 'copilot-chatsession-v2']);
  assert.ok(!JSON.stringify(r).includes('old copy'));
  for (const t of r.trajectories) assert.equal(t.workspace, '/home/dev/my notes');
});

test('flat JSON v2 and v1: computed title, string message, single markdown object, empty request skipped', async () => {
  const v2 = await readOne(join(WS, 'chatSessions', '5e1f0000-bbbb-4bbb-8bbb-000000000002.json'));
  assert.equal(v2.title, 'Regex help');
  assert.deepEqual(userTexts(v2), ['Write a regex for ISO dates']);
  assert.equal(v2.turns[1]!.text, 'Use `\\d{4}-\\d{2}-\\d{2}`.');
  const v1 = await readOne(join(WS, 'chatSessions', '5e1f0000-cccc-4ccc-8ccc-000000000003.json'));
  assert.equal(v1.format, 'copilot-chatsession-v1');
  assert.deepEqual(v1.turns.map((x) => x.text), ['explain this loop', 'It sums the list.']);
});

test('the 2026 agent event stream: tool results by toolCallId, sub-agent messages left out', async () => {
  const t = await readOne(join(WS, 'GitHub.copilot-chat', 'transcripts', '7a000000-dddd-4ddd-8ddd-000000000004.jsonl'));
  assert.equal(t.format, 'copilot-agent-transcript');
  assert.equal(t.sessionId, '7a000000-dddd-4ddd-8ddd-000000000004');
  assert.deepEqual(userTexts(t), ['Rename getUser to fetchUser everywhere', 'ok thanks']);
  assert.equal(t.turns[1]!.text, 'Searching for usages.\n\nRenamed in src/; the tests still need it.');
  assert.deepEqual(toolCalls(t), [
    { name: 'grep_search', input: { query: 'getUser' }, output: 'src/api.ts:4\nsrc/ui.ts:9', isError: false },
    { name: 'runSubagent', input: { prompt: 'rename in tests' }, output: 'sub-agent cancelled', isError: true },
  ]);
});

test('Copilot CLI events.jsonl: cwd from the session context, model changes, resume, calls without a request', async () => {
  const t = await readOne(fixture('copilot', 'cli', 'session-state', '8b000000-eeee-4eee-8eee-000000000005', 'events.jsonl'));
  assert.equal(t.format, 'copilot-cli-events');
  assert.equal(t.workspace, '/home/dev/cli-app');
  assert.equal(t.model, 'claude-sonnet-4.5');
  assert.deepEqual(userTexts(t), ['Run the linter', 'Fix them']);
  assert.deepEqual(toolCalls(t), [
    { name: 'bash', input: { command: 'npm run lint' }, output: '2 errors', isError: true },
    { name: 'edit', input: { path: 'src/a.ts' }, output: 'edited', isError: false },
  ]);
});

test('Export Chat JSON: no id (the first request id stands in), MCP results and errors from resultDetails', async () => {
  const t = await readOne(fixture('copilot', 'exports', 'mcp-export.json'));
  assert.equal(t.format, 'copilot-export');
  assert.equal(t.sessionId, 'request_x1');
  assert.equal(t.model, 'copilot/claude-sonnet-4.5');
  assert.deepEqual(toolCalls(t), [
    { name: 'mcp_weather_get', input: 'Running `get` (MCP Server: weather)', output: '4°C, rain' },
    { name: 'mcp_weather_alerts', input: 'Running `alerts`', output: 'upstream 503', isError: true },
  ]);
  assert.equal(t.turns[1]!.text, 'It is 4°C with rain in Oslo.');
});
