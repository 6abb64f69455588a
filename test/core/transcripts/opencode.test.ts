import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSqlJs } from '../../../src/core/store/sqljs';
import { readTranscripts } from '../../../src/core/transcripts/read';
import { fixture, roles, tempDir, toolCalls, toolNames, userTexts } from './helpers';

const SCHEMA = `
CREATE TABLE \`project\` (\`id\` text PRIMARY KEY, \`worktree\` text NOT NULL, \`vcs\` text, \`name\` text, \`time_created\` integer NOT NULL, \`time_updated\` integer NOT NULL);
CREATE TABLE \`session\` (\`id\` text PRIMARY KEY, \`project_id\` text NOT NULL, \`parent_id\` text, \`slug\` text NOT NULL, \`directory\` text NOT NULL, \`title\` text NOT NULL, \`version\` text NOT NULL, \`share_url\` text, \`time_created\` integer NOT NULL, \`time_updated\` integer NOT NULL);
CREATE TABLE \`message\` (\`id\` text PRIMARY KEY, \`session_id\` text NOT NULL, \`time_created\` integer NOT NULL, \`time_updated\` integer NOT NULL, \`data\` text NOT NULL);
CREATE TABLE \`part\` (\`id\` text PRIMARY KEY, \`message_id\` text NOT NULL, \`session_id\` text NOT NULL, \`time_created\` integer NOT NULL, \`time_updated\` integer NOT NULL, \`data\` text NOT NULL);
CREATE TABLE \`session_share\` (\`session_id\` text PRIMARY KEY, \`id\` text NOT NULL, \`secret\` text NOT NULL, \`url\` text NOT NULL);
`;

const j = (v: unknown) => JSON.stringify(v);
const T0 = 1767225600000;

/** An opencode.db as OpenCode ≥ 1.2 writes it, built with sql.js. */
async function openCodeDb(): Promise<string> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec(SCHEMA);
  db.run('INSERT INTO project VALUES (?,?,?,?,?,?)', ['prj_1', '/home/dev/shop', 'git', 'shop', T0, T0]);
  const session = (id: string, parent: string | null, directory: string, title: string) =>
    db.run('INSERT INTO session VALUES (?,?,?,?,?,?,?,?,?,?)', [id, 'prj_1', parent, id, directory, title, '1.2.3', null, T0, T0 + 60_000]);
  session('ses_a', null, '/home/dev/shop/api', 'Add pagination');
  session('ses_b', null, '', 'Worktree only');
  session('ses_sub', 'ses_a', '/home/dev/shop/api', 'Subagent: read routes');
  db.run('INSERT INTO session_share VALUES (?,?,?,?)', ['ses_a', 'shr_1', 'share-SECRET-3f9d', 'https://opncd.ai/s/x']);
  const message = (id: string, sid: string, at: number, data: unknown) =>
    db.run('INSERT INTO message VALUES (?,?,?,?,?)', [id, sid, at, at, typeof data === 'string' ? data : j(data)]);
  const part = (id: string, mid: string, sid: string, data: unknown) => db.run('INSERT INTO part VALUES (?,?,?,?,?,?)', [id, mid, sid, T0, T0, j(data)]);
  // inserted out of order on purpose: messages sort by time, parts by id
  message('msg_3', 'ses_a', T0 + 30_000, { role: 'user', time: { created: T0 + 30_000 } });
  message('msg_1', 'ses_a', T0 + 1_000, { role: 'user', time: { created: T0 + 1_000 }, agent: 'build', model: { providerID: 'openai', modelID: 'gpt-5' } });
  message('msg_2', 'ses_a', T0 + 2_000, { role: 'assistant', parentID: 'msg_1', modelID: 'gpt-5', providerID: 'openai', time: { created: T0 + 2_000 } });
  message('msg_4', 'ses_a', T0 + 31_000, '{"role":"assistant", broken');
  part('prt_2', 'msg_1', 'ses_a', { type: 'file', mime: 'text/plain', filename: 'routes.ts', url: 'file:///home/dev/shop/api/routes.ts' });
  part('prt_1', 'msg_1', 'ses_a', { type: 'text', text: 'Add cursor pagination to GET /orders' });
  part('prt_5', 'msg_2', 'ses_a', { type: 'text', text: 'Done: /orders takes ?cursor= now.' });
  part('prt_3', 'msg_2', 'ses_a', { type: 'reasoning', text: 'Look at the route first.' });
  part('prt_4', 'msg_2', 'ses_a', {
    type: 'tool',
    callID: 'c1',
    tool: 'read',
    state: { status: 'completed', input: { filePath: '/home/dev/shop/api/routes.ts' }, output: 'router.get("/orders", list)', title: 'routes.ts', metadata: {} },
  });
  part('prt_6', 'msg_3', 'ses_a', { type: 'text', text: 'Also cap the page size at 100', time: { start: T0 + 30_000 } });
  message('msg_b1', 'ses_b', T0 + 5_000, { role: 'user', time: { created: T0 + 5_000 } });
  part('prt_b1', 'msg_b1', 'ses_b', { type: 'text', text: 'Which Node version does CI use?' });
  message('msg_s1', 'ses_sub', T0 + 3_000, { role: 'user', time: { created: T0 + 3_000 } });
  part('prt_s1', 'msg_s1', 'ses_sub', { type: 'text', text: 'Read the routes file (from the parent agent)' });
  const path = join(tempDir(), 'opencode.db');
  writeFileSync(path, db.export());
  db.close();
  return path;
}

test('opencode.db: sessions with tool parts that hold call and result, sub-agent sessions left to their parent', async () => {
  const path = await openCodeDb();
  const before = { bytes: readFileSync(path), mtime: statSync(path).mtimeMs };
  const r = await readTranscripts(path);
  assert.deepEqual(
    r.problems.map((p) => [p.at, p.reason]),
    [['message msg_4', 'data is not a JSON object']],
  );
  assert.deepEqual(r.trajectories.map((t) => t.sessionId).sort(), ['ses_a', 'ses_b']);
  const t = r.trajectories.find((x) => x.sessionId === 'ses_a')!;
  assert.equal(t.source, 'opencode');
  assert.equal(t.format, 'opencode-sqlite');
  assert.equal(t.title, 'Add pagination');
  assert.equal(t.workspace, '/home/dev/shop/api');
  assert.equal(t.model, 'gpt-5');
  assert.equal(roles(t), 'UAU');
  assert.deepEqual(userTexts(t), ['Add cursor pagination to GET /orders', 'Also cap the page size at 100']);
  assert.equal(t.turns[0]!.timestamp, new Date(T0 + 1_000).toISOString());
  assert.equal(t.turns[1]!.text, 'Done: /orders takes ?cursor= now.');
  assert.deepEqual(toolCalls(t), [{ name: 'read', input: { filePath: '/home/dev/shop/api/routes.ts' }, output: 'router.get("/orders", list)' }]);
  assert.equal(t.startedAt, new Date(T0).toISOString());
  assert.equal(t.endedAt, new Date(T0 + 60_000).toISOString());
  assert.equal(r.trajectories.find((x) => x.sessionId === 'ses_b')!.workspace, '/home/dev/shop', 'project worktree when the session has no directory');
  assert.ok(!JSON.stringify(r).includes('share-SECRET'));
  assert.ok(!JSON.stringify(r).includes('from the parent agent'));
  assert.deepEqual({ bytes: readFileSync(path), mtime: statSync(path).mtimeMs }, before);
});

test('JSON storage tree: ids from paths, synthetic text is not the prompt, tool errors kept', async () => {
  const r = await readTranscripts(fixture('opencode', 'storage'));
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.trajectories.map((t) => t.sessionId), ['ses_main']);
  const t = r.trajectories[0]!;
  assert.equal(t.format, 'opencode-storage');
  assert.equal(t.title, 'Fix flaky login test');
  assert.equal(t.workspace, '/home/dev/web/app');
  assert.equal(t.model, 'claude-sonnet-4-5');
  assert.equal(roles(t), 'UAUA');
  assert.deepEqual(userTexts(t), ['The login test fails one run in five. Find out why.', 'Wait for the session response before asserting.']);
  assert.deepEqual(toolNames(t), ['bash', 'edit']);
  const [bash, edit] = toolCalls(t);
  assert.equal(bash!.output, '4 passed, 1 failed: timeout waiting for cookie');
  assert.equal(bash!.isError, undefined);
  assert.deepEqual({ output: edit!.output, isError: edit!.isError }, { output: 'oldString not found in content', isError: true });
  assert.equal(t.turns[1]!.text, 'Running the test in a loop to catch the failure.');
  assert.ok(!JSON.stringify(t).includes('race on the session cookie'), 'reasoning is not what the agent said');
  assert.ok(!JSON.stringify(r).includes('share-SECRET'));
  assert.equal(t.startedAt, '2025-01-01T00:00:00.000Z');
});

test('oldest storage layout (session/info, session/message, session/part)', async () => {
  const r = await readTranscripts(fixture('opencode', 'storage-legacy'));
  assert.deepEqual(r.problems, []);
  const t = r.trajectories[0]!;
  assert.equal(t.sessionId, 'ses_old');
  assert.equal(t.title, 'Add a dark mode toggle');
  assert.equal(t.workspace, '/home/dev/site', 'from the assistant path when the session has no directory');
  assert.deepEqual(userTexts(t), ['Add a dark mode toggle to the header']);
  assert.deepEqual(toolCalls(t), [{ name: 'write', input: { filePath: 'src/Toggle.tsx' }, output: 'Wrote src/Toggle.tsx' }]);
  assert.equal(t.turns[1]!.text, 'Added a Toggle component to the header.');
});

test('a message file that is not JSON is one problem naming the file; the rest of the session is read', async () => {
  const dir = tempDir();
  const { cpSync } = await import('node:fs');
  cpSync(fixture('opencode', 'storage'), join(dir, 'storage'), { recursive: true });
  const bad = join(dir, 'storage', 'message', 'ses_main', 'msg_003.json');
  writeFileSync(bad, '{"role": "user",');
  const r = await readTranscripts(join(dir, 'storage'));
  assert.deepEqual(r.problems, [{ file: bad, reason: 'not a JSON object' }]);
  assert.deepEqual(userTexts(r.trajectories[0]!), ['The login test fails one run in five. Find out why.']);
});
