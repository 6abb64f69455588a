import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSqlJs } from '../../../src/core/store/sqljs';
import { readTranscripts } from '../../../src/core/transcripts/read';
import { fixture, roles, tempDir, toolCalls, toolNames, userTexts } from './helpers';

// ---- agent transcripts

test('agent transcript 2026 (jsonl): prompts unwrapped from <user_query>, context and [REDACTED] dropped', async () => {
  const r = await readTranscripts(fixture('cursor', 'agent-2026.jsonl'));
  assert.deepEqual(r.problems, []);
  const t = r.trajectories[0]!;
  assert.equal(t.source, 'cursor');
  assert.equal(t.format, 'cursor-agent-jsonl');
  assert.equal(t.sessionId, 'agent-2026');
  assert.equal(roles(t), 'UAUA');
  assert.deepEqual(userTexts(t), ['Rename loadConfig to loadSettings everywhere', 'Also update the README']);
  assert.equal(t.turns[0]!.timestamp, '2026-01-13T15:05:00.000Z');
  assert.equal(t.startedAt, '2026-01-13T15:05:00.000Z');
  assert.equal(t.turns[1]!.text, 'Found two uses; renaming both.');
  assert.deepEqual(toolNames(t), ['Grep', 'StrReplace', 'StrReplace']);
  assert.deepEqual(toolCalls(t)[1]!.input, { path: '/home/dev/my.app/src/config.ts', old_string: 'loadConfig', new_string: 'loadSettings' });
  assert.equal(t.turns[3]!.text, 'Updated README.md to call loadSettings().');
  assert.ok(!JSON.stringify(t).includes('REDACTED'));
  assert.ok(!JSON.stringify(t).includes('attached_files'));
});

test('agent transcript workspace: the project slug is resolved on disk, punctuation and all', async () => {
  const home = tempDir();
  const workspace = join(home, 'work', 'my.app');
  mkdirSync(workspace, { recursive: true });
  const slug = workspace.replace(/^[/\\]/, '').replace(/[/\\.]/g, '-');
  const id = '5a1f0c3e-2b7d-4c1a-9e8f-0d1c2b3a4f5e';
  const dir = join(home, '.cursor', 'projects', slug, 'agent-transcripts', id);
  mkdirSync(dir, { recursive: true });
  copyFileSync(fixture('cursor', 'agent-2026.jsonl'), join(dir, `${id}.jsonl`));
  const r = await readTranscripts(join(dir, `${id}.jsonl`));
  assert.equal(r.trajectories[0]!.sessionId, id);
  assert.equal(r.trajectories[0]!.workspace, workspace);
});

test('agent transcript workspace: without the folder on disk, paths the agent used identify it', async () => {
  const dir = join(tempDir(), 'projects', 'home-dev-my-app', 'agent-transcripts', 'abc');
  mkdirSync(dir, { recursive: true });
  copyFileSync(fixture('cursor', 'agent-2026.jsonl'), join(dir, 'abc.jsonl'));
  const r = await readTranscripts(join(dir, 'abc.jsonl'));
  assert.equal(r.trajectories[0]!.workspace, '/home/dev/my.app');
});

test('agent transcript 2025 (txt): [Tool call] arguments, [Tool result] attached, [Thinking] dropped', async () => {
  const r = await readTranscripts(fixture('cursor', 'agent-2025.txt'));
  assert.deepEqual(r.problems, []);
  const t = r.trajectories[0]!;
  assert.equal(t.format, 'cursor-agent-txt');
  assert.equal(roles(t), 'UAUA');
  assert.deepEqual(userTexts(t), ['Why does npm test fail on CI but not locally?', 'Pin it to 20 then']);
  assert.equal(t.turns[1]!.text, 'Let me look at the CI workflow first.\n\nThe workflow does not pin a Node version.');
  const [read, shell, edit] = toolCalls(t);
  assert.deepEqual(read, { name: 'Read', input: { path: '.github/workflows/ci.yml' }, output: 'name: ci\non: push\njobs: test' });
  assert.deepEqual(shell!.input, { command: 'node --version', description: 'Compare with the local Node' });
  assert.equal(shell!.output, 'v22.3.0');
  assert.deepEqual(edit!.input, { path: '.github/workflows/ci.yml', old_string: 'jobs: test', new_string: 'jobs: test\nwith node 20' });
  assert.equal(t.turns[3]!.text, 'Pinned Node 20 in the workflow.');
  assert.ok(!JSON.stringify(t).includes('runner'));
});

// ---- state.vscdb

type Rows = [string, string][];

async function writeStore(path: string, tables: { ItemTable?: Rows; cursorDiskKV?: Rows }): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  for (const [table, rows] of Object.entries(tables)) {
    db.run(`CREATE TABLE ${table} (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)`);
    for (const row of rows) db.run(`INSERT INTO ${table} VALUES (?, ?)`, row);
  }
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, db.export());
  db.close();
}

const SECRETS = ['tok-ACCESS-7c1e', 'tok-REFRESH-44b0', 'sec-STORED-91aa', 'enc-KEY-5d2c', 'spec-KEY-0f3b'];
const json = (v: unknown) => JSON.stringify(v);

/** A Cursor user folder: global store with three composers, one workspace store with the legacy chat panel. */
async function cursorUserDir(): Promise<{ global: string; workspaceDb: string }> {
  const user = join(tempDir(), 'Cursor', 'User');
  const global = join(user, 'globalStorage', 'state.vscdb');
  const ws1 = join(user, 'workspaceStorage', 'ws1');
  const ws3 = join(user, 'workspaceStorage', 'ws3');
  mkdirSync(ws1, { recursive: true });
  mkdirSync(ws3, { recursive: true });
  writeFileSync(join(ws1, 'workspace.json'), json({ folder: 'file:///home/dev/legacy%20app' }));
  writeFileSync(join(ws3, 'workspace.json'), json({ folder: 'file:///home/dev/cli' }));
  await writeStore(global, {
    ItemTable: [
      ['cursorAuth/accessToken', SECRETS[0]],
      ['cursorAuth/refreshToken', SECRETS[1]],
      ['secret://{"extensionId":"cursor","key":"openai"}', SECRETS[2]],
      ['composer.composerHeaders', json({ allComposers: [{ composerId: 'c-hdr', workspaceId: 'ws3' }] })],
    ],
    cursorDiskKV: [
      [
        'composerData:c-new',
        json({
          _v: 10,
          composerId: 'c-new',
          name: 'Health endpoint',
          createdAt: 1767225600000,
          lastUpdatedAt: 1767225900000,
          modelConfig: { modelName: 'claude-4-sonnet' },
          workspaceIdentifier: { id: 'ws2', uri: { fsPath: '/home/dev/api' } },
          blobEncryptionKey: SECRETS[3],
          speculativeSummarizationEncryptionKey: SECRETS[4],
          fullConversationHeadersOnly: [
            { bubbleId: 'b1', type: 1 },
            { bubbleId: 'b2', type: 2 },
            { bubbleId: 'b3', type: 2 },
            { bubbleId: 'b4', type: 2 },
          ],
        }),
      ],
      ['bubbleId:c-new:b1', json({ _v: 3, bubbleId: 'b1', type: 1, text: 'Add a /health endpoint', createdAt: '2026-01-01T00:00:05.000Z' })],
      [
        'bubbleId:c-new:b2',
        json({
          _v: 3,
          bubbleId: 'b2',
          type: 2,
          text: 'Adding the route.',
          toolFormerData: {
            tool: 38,
            name: 'edit_file_v2',
            rawArgs: json({ target_file: 'src/app.ts', instructions: 'add route' }),
            result: json({ diff: '+app.get("/health")' }),
            status: 'completed',
          },
        }),
      ],
      [
        'bubbleId:c-new:b3',
        json({ _v: 3, bubbleId: 'b3', type: 2, text: '', toolFormerData: { tool: 15, name: 'run_terminal_cmd', rawArgs: json({ command: 'npm test' }), result: json({ output: '1 failing' }), status: 'error' } }),
      ],
      ['bubbleId:c-new:b4', json({ _v: 3, bubbleId: 'b4', type: 2, text: 'The route works; one unrelated test fails.' })],
      ['bubbleId:c-new:b9', json({ _v: 3, bubbleId: 'b9', type: 1, text: 'a draft never sent' })],
      [
        'composerData:c-old',
        json({
          _v: 1,
          composerId: 'c-old',
          createdAt: 1735689600000,
          conversation: [
            { bubbleId: 'u1', type: 1, text: '', richText: json({ root: { children: [{ type: 'paragraph', children: [{ text: 'Explain this regex' }] }] } }) },
            { bubbleId: 'a1', type: 2, text: 'It matches ISO dates.' },
          ],
          capabilities: [{ type: 15, data: { bubbleDataMap: json({ a1: { tool: 5, name: 'read_file', rawArgs: json({ target_file: 'src/re.ts' }), status: 'completed' } }) } }],
        }),
      ],
      ['composerData:c-hdr', json({ _v: 10, composerId: 'c-hdr', fullConversationHeadersOnly: [{ bubbleId: 'x1', type: 1 }] })],
      ['bubbleId:c-hdr:x1', json({ _v: 3, bubbleId: 'x1', type: 1, text: 'Add a --verbose flag' })],
      ['composerData:c-empty', json({ _v: 10, composerId: 'c-empty', fullConversationHeadersOnly: [] })],
      ['composerData:c-bad', '{"_v":10,"composerId":'],
      ['checkpointId:c-new:1', json({ note: 'never read' })],
    ],
  });
  const workspaceDb = join(ws1, 'state.vscdb');
  await writeStore(workspaceDb, {
    ItemTable: [
      ['cursorAuth/accessToken', SECRETS[0]],
      ['composer.composerData', json({ allComposers: [{ composerId: 'c-old', name: 'Regex' }], selectedComposerIds: ['c-old'] })],
      [
        'workbench.panel.aichat.view.aichat.chatdata',
        json({
          tabs: [
            { tabId: 't1', chatTitle: 'Digits', lastSendTime: 1700000000000, bubbles: [{ type: 'user', text: 'How do I match digits?' }, { type: 'ai', text: 'Use \\d+.' }] },
            { tabId: 't2', chatTitle: 'Empty', bubbles: [] },
          ],
        }),
      ],
    ],
  });
  return { global, workspaceDb };
}

test('global state.vscdb: composers with separate bubble rows, inline v1 composers, workspaces from three places', async () => {
  const { global } = await cursorUserDir();
  const r = await readTranscripts(global);
  assert.deepEqual(
    r.problems.map((p) => [p.at, p.reason]),
    [['record composerData:c-bad', 'value is not a JSON object']],
  );
  const byId = new Map(r.trajectories.map((t) => [t.sessionId, t]));
  assert.deepEqual([...byId.keys()].sort(), ['c-hdr', 'c-new', 'c-old']);

  const fresh = byId.get('c-new')!;
  assert.equal(fresh.format, 'cursor-composer');
  assert.equal(fresh.title, 'Health endpoint');
  assert.equal(fresh.model, 'claude-4-sonnet');
  assert.equal(fresh.workspace, '/home/dev/api');
  assert.equal(fresh.startedAt, '2026-01-01T00:00:00.000Z');
  assert.equal(fresh.endedAt, '2026-01-01T00:05:00.000Z');
  assert.equal(roles(fresh), 'UA');
  assert.deepEqual(userTexts(fresh), ['Add a /health endpoint']);
  assert.equal(fresh.turns[0]!.timestamp, '2026-01-01T00:00:05.000Z');
  assert.equal(fresh.turns[1]!.text, 'Adding the route.\n\nThe route works; one unrelated test fails.');
  const [edit, run] = toolCalls(fresh);
  assert.deepEqual(edit, { name: 'edit_file_v2', input: { target_file: 'src/app.ts', instructions: 'add route' }, output: '{"diff":"+app.get(\\"/health\\")"}' });
  assert.deepEqual(run, { name: 'run_terminal_cmd', input: { command: 'npm test' }, output: '{"output":"1 failing"}', isError: true });

  const old = byId.get('c-old')!;
  assert.equal(old.format, 'cursor-composer-inline');
  assert.deepEqual(userTexts(old), ['Explain this regex']);
  assert.deepEqual(toolCalls(old), [{ name: 'read_file', input: { target_file: 'src/re.ts' } }]);
  assert.equal(old.workspace, '/home/dev/legacy app', 'listed by a workspace store');
  assert.equal(byId.get('c-hdr')!.workspace, '/home/dev/cli', 'through composer headers and workspace.json');
});

test('workspace state.vscdb: the legacy chat panel, with the folder from workspace.json', async () => {
  const { workspaceDb } = await cursorUserDir();
  const r = await readTranscripts(workspaceDb);
  assert.deepEqual(r.problems, []);
  assert.equal(r.trajectories.length, 1);
  const t = r.trajectories[0]!;
  assert.equal(t.format, 'cursor-aichat');
  assert.equal(t.sessionId, 't1');
  assert.equal(t.title, 'Digits');
  assert.equal(t.workspace, '/home/dev/legacy app');
  assert.equal(roles(t), 'UA');
  assert.equal(t.turns[1]!.text, 'Use \\d+.');
});

test('credentials planted in the stores never reach the output', async () => {
  const { global, workspaceDb } = await cursorUserDir();
  const out = JSON.stringify([await readTranscripts(global), await readTranscripts(workspaceDb)]);
  for (const secret of SECRETS) assert.ok(!out.includes(secret), `${secret} leaked`);
  assert.ok(!out.includes('EncryptionKey'));
  assert.ok(!out.includes('never read'));
});

test('the original store is read through a copy: bytes, mtime and folder contents unchanged', async () => {
  const { global } = await cursorUserDir();
  const dir = join(global, '..');
  const before = { hash: sha(global), mtime: statSync(global).mtimeMs, files: readdirSync(dir).sort() };
  await readTranscripts(global);
  assert.deepEqual({ hash: sha(global), mtime: statSync(global).mtimeMs, files: readdirSync(dir).sort() }, before);
});

test('a store with its newest commits still in the WAL (Cursor running) is read with them', async () => {
  const dir = join(tempDir(), 'Cursor', 'User', 'globalStorage');
  mkdirSync(dir, { recursive: true });
  for (const f of ['state.vscdb', 'state.vscdb-wal']) copyFileSync(fixture('cursor', 'wal', f), join(dir, f));
  const walBefore = sha(join(dir, 'state.vscdb-wal'));
  const r = await readTranscripts(join(dir, 'state.vscdb'));
  assert.deepEqual(r.problems, []);
  const t = r.trajectories[0]!;
  assert.equal(t.sessionId, 'c-wal');
  assert.equal(t.turns[1]!.text, 'Only a.ts is in src (this reply exists only in the WAL).');
  assert.deepEqual(toolNames(t), ['list_dir']);
  assert.equal(sha(join(dir, 'state.vscdb-wal')), walBefore);
  assert.ok(!JSON.stringify(r).includes('wal-fixture-token'));
});

test('a half-written WAL (torn frame, garbage frame) is read up to its last commit', async () => {
  const dir = join(tempDir(), 'Cursor', 'User', 'globalStorage');
  mkdirSync(dir, { recursive: true });
  for (const f of ['state.vscdb', 'state.vscdb-wal']) copyFileSync(fixture('cursor', 'wal', f), join(dir, f));
  const frame = 24 + 512;
  appendFileSync(join(dir, 'state.vscdb-wal'), Buffer.alloc(frame, 0x5a)); // a whole frame that fails its checksum
  appendFileSync(join(dir, 'state.vscdb-wal'), Buffer.alloc(100, 0x11)); // a frame cut off mid-write
  const r = await readTranscripts(join(dir, 'state.vscdb'));
  assert.deepEqual(r.problems, []);
  assert.equal(r.trajectories[0]!.turns[1]!.text, 'Only a.ts is in src (this reply exists only in the WAL).');
});

test('a file that is not a database is one problem naming it', async () => {
  const path = join(tempDir(), 'Cursor', 'User', 'globalStorage', 'state.vscdb');
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(200, 7)]));
  const r = await readTranscripts(path);
  assert.equal(r.trajectories.length, 0);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.file, path);
  assert.match(r.problems[0]!.reason, /SQLite/);
  assert.ok(!existsSync(`${path}-journal`));
});

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
