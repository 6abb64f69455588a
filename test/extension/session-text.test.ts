import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionMarkdown } from '../../src/vscode/model/session-text';
import type { Trajectory } from '../../src/core/transcripts/model';

test('a session reads as Markdown with one heading per turn, and tool text cannot break out of its fence', () => {
  const t: Trajectory = {
    source: 'claude-code',
    format: 'claude-code-jsonl',
    sessionId: 'abc12345-0000',
    title: 'Fix the tests',
    workspace: '/home/dev/shop',
    startedAt: '2026-10-01T09:00:00.000Z',
    turns: [
      { role: 'user', text: 'The tests fail.', toolCalls: [] },
      { role: 'assistant', text: 'Running them.', toolCalls: [{ name: 'Bash', input: { command: 'npm test' }, output: 'ok\n```\n# not a heading', isError: false }] },
      { role: 'user', text: 'Thanks', toolCalls: [] },
    ],
  };
  const { text, turnLines } = sessionMarkdown('claude-code:abc12345-0000', undefined, t);
  const lines = text.split('\n');
  assert.equal(turnLines.length, 3);
  assert.deepEqual(turnLines.map((l) => lines[l]!.replace(/ · .*$/, '')), ['## Turn 0', '## Turn 1', '## Turn 2']);
  assert.match(text, /\*\*Tool `Bash`\*\*/);
  assert.match(text, /````text\nok\n```\n# not a heading\n````/, 'the fence is longer than any backtick run inside');
  assert.match(text, /Secrets were redacted/);
});

test("a session read from the workspace's own files says it came from the repository, not from the user's agent", () => {
  const t: Trajectory = { source: 'specstory', format: 'specstory-md', sessionId: 's1', workspace: '/home/dev/cloned', origin: 'repository', turns: [{ role: 'user', text: 'Hi', toolCalls: [] }] };
  assert.match(sessionMarkdown('specstory:s1', undefined, t).text, /- \*\*Came from:\*\* the repository's own files, not from your agent/);
  assert.doesNotMatch(sessionMarkdown('specstory:s1', undefined, { ...t, origin: undefined }).text, /Came from/);
});
