import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTranscripts } from '../../../src/core/transcripts/read';
import { fixture, roles, toolCalls, toolNames, userTexts } from './helpers';

async function readOne(name: string) {
  const r = await readTranscripts(fixture('claude-code', name));
  assert.deepEqual(r.problems, []);
  assert.equal(r.trajectories.length, 1);
  return r.trajectories[0]!;
}

test('1.0 era: split message merged, interruption and reminder are not prompts, error result attached', async () => {
  const t = await readOne('early-1.0.jsonl');
  assert.equal(t.source, 'claude-code');
  assert.equal(t.sessionId, '11111111-aaaa-4aaa-8aaa-000000000001');
  assert.equal(t.workspace, '/home/dev/shop');
  assert.equal(t.model, 'claude-sonnet-4-20250514');
  assert.equal(roles(t), 'UAUA');
  assert.deepEqual(userTexts(t), ['Add a --dry-run flag to the deploy script', 'Use getopts for it']);
  assert.equal(t.turns[1]!.text, 'I will look at the deploy script first.');
  const [read, edit] = toolCalls(t);
  assert.deepEqual(read, { name: 'Read', input: { file_path: '/home/dev/shop/deploy.sh' }, output: '#!/bin/sh\nrsync dist/ prod:/srv' });
  assert.equal(edit!.isError, true);
  assert.match(edit!.output!, /has not been read/);
  assert.equal(t.startedAt, '2025-08-01T10:00:00Z');
  assert.equal(t.endedAt, '2025-08-01T10:00:22Z');
});

test('2.0 era: rewound branch dropped, sidechain skipped, compaction followed, local command ignored', async () => {
  const t = await readOne('branches-2.0.jsonl');
  assert.deepEqual(userTexts(t), ['Why does GET /users return 500?', 'Fix the null check instead', 'Now add a test']);
  assert.equal(roles(t), 'UAUAUA');
  assert.equal(t.title, 'Fix 500 on GET /users');
  // the Task result arrives on the main thread; the sub-agent's own Grep does not
  assert.deepEqual(toolNames(t), ['Task', 'Edit']);
  assert.equal(toolCalls(t)[0]!.output, 'handler is in src/users.ts');
  assert.ok(!JSON.stringify(t).includes('Rewriting in Go'));
  assert.ok(!JSON.stringify(t).includes('being continued'));
});

test('2.1 era: progress lines in the chain, parallel results beside it, answered slash command is a prompt', async () => {
  const t = await readOne('progress-2.1.jsonl');
  assert.deepEqual(userTexts(t), ['Check the links in index.html and the sitemap', '/review links only']);
  assert.equal(roles(t), 'UAUA');
  assert.deepEqual(toolNames(t), ['Read', 'mcp__web__fetch', 'Skill']);
  const fetch = toolCalls(t)[1]!;
  assert.equal(fetch.output, '404 Not Found');
  assert.equal(fetch.isError, true);
  assert.equal(toolCalls(t)[0]!.isError, undefined);
  // the skill body injected as a user line is not a prompt, and a <synthetic> model is not the model
  assert.ok(!userTexts(t).some((u) => u.includes('Base directory')));
  assert.equal(t.model, 'claude-opus-4-5-20251101');
});

test('a sub-agent file (all sidechain) is recognized and yields no session', async () => {
  const r = await readTranscripts(fixture('claude-code', 'subagent-2.1.jsonl'));
  assert.deepEqual(r, { trajectories: [], problems: [] });
});
