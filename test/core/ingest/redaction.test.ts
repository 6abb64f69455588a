import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest, listSessions, loadTrajectory } from '../../../src/core/ingest';
import { claudeCodeLines, codexLines, jsonl } from '../../support/session-lines';
import { leakedSecrets, PLANTED, secretText } from '../../support/planted-secrets';
import { fileRow, openStore, tempDir } from './helpers';

const CWD = '/home/dev/shop-api';

/** Sessions with the planted secrets in prompts, tool inputs, tool outputs, titles and a half-written line. */
function plantedSessions(dir: string): { claude: string; codex: string } {
  const id = '5ec0e700-0000-4000-8000-000000000001';
  const lines = claudeCodeLines({ sessionId: id, cwd: CWD, exchanges: 2, extra: secretText() });
  const toolUse = JSON.parse(lines[1]!) as { message: { content: Array<{ input: Record<string, unknown> }> } };
  toolUse.message.content[0]!.input = { command: 'psql -h db.internal', password: PLANTED.toolPassword, env: { GITHUB_TOKEN: PLANTED.github } };
  lines[1] = JSON.stringify(toolUse);
  const result = JSON.parse(lines[2]!) as { message: { content: Array<{ content: string }> } };
  result.message.content[0]!.content = `config dump:\n${secretText()}`;
  lines[2] = JSON.stringify(result);
  lines.push(JSON.stringify({ type: 'summary', summary: `Rotate ${PLANTED.openai}`, leafUuid: 'x' }));
  const claude = join(dir, `${id}.jsonl`);
  writeFileSync(claude, jsonl(lines) + lines[4]!.slice(0, 30)); // and a line still being written

  const codexId = '0199d000-0000-7000-8000-000000000001';
  const codexDir = join(dir, 'codex');
  mkdirSync(codexDir);
  const rollout = codexLines({ sessionId: codexId, cwd: CWD, exchanges: 2, extra: `deploy with ${PLANTED.aws}` });
  rollout.push(
    JSON.stringify({
      timestamp: '2026-10-01T10:00:00.000Z',
      type: 'response_item',
      payload: { type: 'function_call', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', `curl -H 'Authorization: Bearer ${PLANTED.jwt}' https://api.example.com`] }), call_id: 'call_s' },
    }),
    JSON.stringify({ timestamp: '2026-10-01T10:01:00.000Z', type: 'response_item', payload: { type: 'function_call_output', call_id: 'call_s', output: secretText() } }),
  );
  const codex = join(codexDir, `rollout-2026-10-01T09-00-00-${codexId}.jsonl`);
  writeFileSync(codex, jsonl(rollout));
  return { claude, codex };
}

test('no planted secret reaches the state file: not in sessions, titles, reader states or problems', async () => {
  const dir = tempDir();
  const files = plantedSessions(dir);
  // a planted secret in the sources themselves, to be sure the test can see one
  assert.deepEqual(leakedSecrets(readFileSync(files.claude)).sort(), Object.keys(PLANTED).sort());

  const store = await openStore(dir);
  const r = await ingest(store, [dir]);
  assert.equal(r.new, 2, JSON.stringify(r.problems));
  appendFileSync(files.claude, `${JSON.stringify({ broken: PLANTED.github }).slice(0, 20)} ${PLANTED.aws}\n`);
  await ingest(store, [dir]); // resumed from a saved (redacted) state, with a bad line
  assert.ok(fileRow(store, files.claude)!.reader_state, 'the reader state is stored, so it is checked too');
  const claude = loadTrajectory(store, 'claude-code:5ec0e700-0000-4000-8000-000000000001')!;
  assert.match(claude.turns[0]!.text, /\[REDACTED:aws-access-key\]/);
  assert.match(claude.title ?? '', /\[REDACTED:openai-key\]/);
  assert.deepEqual((claude.turns[1]!.toolCalls[0]!.input as Record<string, unknown>).password, '[REDACTED:password]');
  assert.ok(listSessions(store).every((s) => leakedSecrets(JSON.stringify(s)).length === 0));
  await store.flush();
  await store.close();

  const bytes = readFileSync(join(dir, 'state.db'));
  assert.deepEqual(leakedSecrets(bytes), []);
  // and the file does hold the sessions: the check above looked at real content
  assert.ok(bytes.includes(Buffer.from('[REDACTED:github-token]')));
  assert.ok(bytes.includes(Buffer.from('failing order test number 1')));
});
