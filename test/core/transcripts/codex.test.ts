import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTranscripts } from '../../../src/core/transcripts/read';
import { uuidV7Time } from '../../../src/core/transcripts/adapters/codex/rollout';
import { toolOutput } from '../../../src/core/transcripts/adapters/codex/output';
import { fixture, roles, toolCalls, toolNames, userTexts } from './helpers';

async function readOne(name: string) {
  const r = await readTranscripts(fixture('codex', name));
  assert.deepEqual(r.problems, []);
  assert.equal(r.trajectories.length, 1);
  return r.trajectories[0]!;
}

test('TypeScript-era JSON file: session and items', async () => {
  const t = await readOne('typescript-2025.json');
  assert.equal(t.format, 'codex-rollout-json');
  assert.equal(t.sessionId, '0a1b2c3d-0000-4000-8000-0000000000e1');
  assert.equal(roles(t), 'UA');
  assert.deepEqual(toolCalls(t), [{ name: 'shell', input: { command: ['cat', 'main.ts'] }, output: 'console.log(1)', isError: false }]);
});

test('bare era: injected instructions and environment are not prompts; cwd comes from the environment block', async () => {
  const t = await readOne('bare-2025.jsonl');
  assert.equal(t.format, 'codex-rollout-bare');
  assert.equal(t.workspace, '/home/dev/calc');
  assert.equal(t.startedAt, '2025-05-20T08:00:00.000Z');
  assert.deepEqual(userTexts(t), ['Why does calc add 1+1=3?']);
  assert.equal(t.turns[1]!.text, 'add() adds an extra 1 on line 3.');
  assert.deepEqual(toolCalls(t)[0], {
    name: 'shell',
    input: { command: ['grep', '-n', 'def add', 'calc.py'] },
    output: '3:def add(a, b): return a + b + 1\n',
    isError: false,
  });
});

test('bare era with record_type state lines: snapshots skipped, exit codes become errors', async () => {
  const t = await readOne('bare-record-type-2025.jsonl');
  assert.deepEqual(userTexts(t), ['Run the tests', 'Fix it']);
  assert.equal(roles(t), 'UAUA');
  const [pytest, patch] = toolCalls(t);
  assert.deepEqual(pytest, { name: 'local_shell', input: { type: 'exec', command: ['pytest', '-q'], timeout_ms: 60000 }, output: '1 failed, 4 passed\n', isError: true });
  assert.equal(patch!.isError, false);
});

test('wrapped era (2025): event prompts win over duplicated items, IDE context stripped, abort notice ignored', async () => {
  const t = await readOne('wrapped-2025.jsonl');
  assert.equal(t.format, 'codex-rollout-wrapped');
  assert.equal(t.sessionId, '0199e800-0000-7000-8000-0000000000c1');
  assert.equal(t.title, 'Calculator functions');
  assert.equal(t.model, 'gpt-5-codex');
  assert.deepEqual(userTexts(t), ['Add a subtract function', 'Also add multiply']);
  assert.equal(roles(t), 'UAUA');
  assert.equal(t.turns[1]!.text, 'Added sub() and the tests pass.'); // once, not once per record kind
  assert.deepEqual(toolNames(t), ['apply_patch', 'shell', 'shell']);
  const [patch, , interrupted] = toolCalls(t);
  assert.match(patch!.input as string, /^\*\*\* Begin Patch/);
  assert.equal(patch!.output, 'Success. Updated the following files:\nM calc.py\n');
  assert.equal(interrupted!.output, undefined); // a call may lack its output
});

test('wrapped era (2026) with a resume in the same file: developer messages skipped, results joined by call_id', async () => {
  const t = await readOne('wrapped-2026-resume.jsonl');
  assert.deepEqual(userTexts(t), ['List open issues from the tracker', 'Draft a fix for #12']);
  assert.equal(roles(t), 'UAUA');
  assert.equal(t.model, 'gpt-5.5');
  assert.equal(t.workspace, '/home/dev/shop/web');
  assert.equal(t.endedAt, '2026-02-04T09:00:10.000Z');
  const calls = toolCalls(t);
  assert.deepEqual(calls.map((c) => [c.name, c.isError]), [
    ['mcp__tracker__list_issues', true],
    ['exec_command', false],
    ['exec_command', true],
    ['web_search', undefined],
    ['exec_command', undefined],
  ]);
  assert.equal(calls[0]!.output, 'tracker unreachable');
  assert.deepEqual(calls[3]!.input, { type: 'search', query: 'stripe checkout 402' });
  // the compaction's replacement history does not replay old prompts
  assert.equal(userTexts(t).filter((u) => u.startsWith('List open')).length, 1);
});

test('a fork keeps only its own turns: the copied parent history is in the parent file', async () => {
  const t = await readOne('fork-2026.jsonl');
  assert.equal(t.sessionId, '019c2000-0000-7000-8000-0000000000f2');
  assert.deepEqual(userTexts(t), ['Try a different approach: retry the payment']);
  assert.deepEqual(toolCalls(t), [{ name: 'exec_command', input: { cmd: 'rg retry src' }, output: 'src/pay.ts:3: retry(3)' }]);
  assert.equal(t.model, 'gpt-5.5');
  assert.equal(t.startedAt, '2026-02-05T10:00:00.000Z');
});

test('a sub-agent thread is recognized and yields no session of its own', async () => {
  assert.deepEqual(await readTranscripts(fixture('codex', 'subagent-2026.jsonl')), { trajectories: [], problems: [] });
});

test('tool outputs: JSON-wrapped shell results, exit code headers, content items, success flags', () => {
  assert.deepEqual(toolOutput('{"output":"x","metadata":{"exit_code":2}}'), { output: 'x', isError: true });
  assert.deepEqual(toolOutput('Exit code: 0\nWall time: 1s\nOutput:\nok'), { output: 'Exit code: 0\nWall time: 1s\nOutput:\nok', isError: false });
  assert.deepEqual(toolOutput([{ type: 'output_text', text: 'a' }, { type: 'input_image', image_url: 'data:' }]), { output: 'a\n[image]' });
  assert.deepEqual(toolOutput({ content: [{ type: 'input_text', text: 'r' }], success: true }), { output: 'r', isError: false });
  assert.deepEqual(toolOutput(42), {});
});

test('UUIDv7 times order fork and turn ids; other ids have none', () => {
  assert.equal(uuidV7Time('019c2000-0000-7000-8000-0000000000f2'), 0x019c20000000);
  assert.equal(uuidV7Time('0a1b2c3d-0000-4000-8000-00000000000a'), undefined);
  assert.equal(uuidV7Time(undefined), undefined);
});
