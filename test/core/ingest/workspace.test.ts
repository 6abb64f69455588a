import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ingest, listSessions, loadTrajectory } from '../../../src/core/ingest';
import { discoverSources, type DiscoveryEnvironment } from '../../../src/core/transcripts/discovery';
import { claudeCodeLines, codexLines, jsonl } from '../../support/session-lines';
import { countingReaders, FIXTURES, fileRow, openStore, parses, tempDir } from './helpers';

interface FakeMachine {
  environment: DiscoveryEnvironment;
  api: string;
  blog: string;
  files: Record<string, string>;
}

/** A home with Claude Code, Codex and Copilot sessions of two workspaces, `api` and `blog`. */
function fakeMachine(): FakeMachine {
  const root = tempDir('skillsmith-machine-');
  const home = join(root, 'home');
  const api = join(root, 'work', 'shop-api');
  const blog = join(root, 'work', 'blog');
  mkdirSync(api, { recursive: true });
  mkdirSync(blog, { recursive: true });
  const files: Record<string, string> = {};
  const write = (name: string, path: string, text: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    files[name] = path;
  };
  const claude = join(home, '.claude', 'projects');
  const enc = (p: string) => p.replace(/[^A-Za-z0-9]/g, '-');
  write('claudeApi', join(claude, enc(api), '11110000-0000-4000-8000-000000000001.jsonl'), jsonl(claudeCodeLines({ sessionId: '11110000-0000-4000-8000-000000000001', cwd: api, exchanges: 2 })));
  write('claudeApiSub', join(claude, `${enc(api)}-packages-web`, '11110000-0000-4000-8000-000000000002.jsonl'), jsonl(claudeCodeLines({ sessionId: '11110000-0000-4000-8000-000000000002', cwd: join(api, 'packages', 'web'), exchanges: 1 })));
  write('claudeApiSibling', join(claude, `${enc(api)}-v2`, '11110000-0000-4000-8000-000000000003.jsonl'), jsonl(claudeCodeLines({ sessionId: '11110000-0000-4000-8000-000000000003', cwd: `${api}-v2`, exchanges: 1 })));
  write('claudeBlog', join(claude, enc(blog), '11110000-0000-4000-8000-000000000004.jsonl'), jsonl(claudeCodeLines({ sessionId: '11110000-0000-4000-8000-000000000004', cwd: blog, exchanges: 1 })));
  const codex = join(home, '.codex', 'sessions', '2026', '10', '01');
  write('codexApi', join(codex, 'rollout-2026-10-01T09-00-00-0199c000-0000-7000-8000-000000000001.jsonl'), jsonl(codexLines({ sessionId: '0199c000-0000-7000-8000-000000000001', cwd: api, exchanges: 2 })));
  write('codexBlog', join(codex, 'rollout-2026-10-01T10-00-00-0199c000-0000-7000-8000-000000000002.jsonl'), jsonl(codexLines({ sessionId: '0199c000-0000-7000-8000-000000000002', cwd: blog, exchanges: 1 })));
  const storage = join(home, '.config', 'Code', 'User', 'workspaceStorage');
  cpSync(join(FIXTURES, 'copilot', 'workspaceStorage', '0f3c9a1e5b7d'), join(storage, 'wsapi'), { recursive: true });
  writeFileSync(join(storage, 'wsapi', 'workspace.json'), JSON.stringify({ folder: pathToFileURL(api).href }));
  rmSync(join(storage, 'wsapi', 'GitHub.copilot-chat'), { recursive: true });
  cpSync(join(FIXTURES, 'copilot', 'workspaceStorage', '0f3c9a1e5b7d', 'GitHub.copilot-chat'), join(storage, 'wsblog', 'GitHub.copilot-chat'), { recursive: true });
  writeFileSync(join(storage, 'wsblog', 'workspace.json'), JSON.stringify({ folder: pathToFileURL(blog).href }));
  return { environment: { platform: 'linux', home, env: {} }, api, blog, files };
}

test('by default only the sessions of the open workspace (the folder or inside it) are stored', async () => {
  const m = fakeMachine();
  const locations = discoverSources({ environment: m.environment, workspace: m.api }).filter((l) => l.exists);
  const store = await openStore();
  const { readers, calls } = countingReaders();
  const r = await ingest(store, locations, { workspace: m.api, readers });
  assert.deepEqual(r.problems, []);
  const stored = listSessions(store);
  assert.ok(stored.length >= 4, JSON.stringify(stored.map((s) => s.key)));
  assert.ok(stored.every((s) => s.workspace === m.api || s.workspace!.startsWith(`${m.api}/`)), JSON.stringify(stored.map((s) => s.workspace)));
  const keys = stored.map((s) => s.key);
  assert.ok(keys.includes('claude-code:11110000-0000-4000-8000-000000000001'));
  assert.ok(keys.includes('claude-code:11110000-0000-4000-8000-000000000002'), 'a session in a subfolder belongs to the workspace');
  assert.ok(keys.includes('codex:0199c000-0000-7000-8000-000000000001'));
  assert.ok(keys.some((k) => k.startsWith('copilot:')), 'Copilot sessions of the workspace, by its workspace.json');
  assert.equal(r.new, stored.length);

  // the layout already rules out the other workspace's Claude and Copilot files: never opened
  assert.equal(fileRow(store, m.files.claudeBlog!), undefined);
  assert.equal(fileRow(store, m.files.claudeApiSibling!)?.status, 'elsewhere', 'a lookalike name is read, then left out by its cwd');
  // Codex files say where they ran only inside: read once, nothing stored, not read again
  assert.equal(fileRow(store, m.files.codexBlog!)?.status, 'elsewhere');
  assert.equal(loadTrajectory(store, 'codex:0199c000-0000-7000-8000-000000000002'), undefined);
  assert.ok(parses(calls) > 0);

  const again = countingReaders();
  const second = await ingest(store, locations, { workspace: m.api, readers: again.readers });
  assert.deepEqual([second.new, second.updated, second.unchanged, second.failed], [0, 0, stored.length, 0]);
  assert.equal(parses(again.calls), 0);
  await store.close();
});

test('all workspaces: sessions left out before are read and stored, and a later filtered run parses nothing', async () => {
  const m = fakeMachine();
  const locations = discoverSources({ environment: m.environment, workspace: m.api }).filter((l) => l.exists);
  const store = await openStore();
  const filtered = await ingest(store, locations, { workspace: m.api });
  const all = await ingest(store, locations, { workspace: m.api, allWorkspaces: true });
  assert.equal(all.unchanged, filtered.new);
  assert.ok(all.new >= 4, `blog's sessions and the lookalike: ${JSON.stringify(all.sessions)}`);
  assert.ok(loadTrajectory(store, 'codex:0199c000-0000-7000-8000-000000000002'));
  assert.ok(loadTrajectory(store, 'claude-code:11110000-0000-4000-8000-000000000004'));
  assert.equal(listSessions(store, { workspace: m.blog }).length, all.new - 1, 'all but the lookalike are blog sessions');
  assert.equal(listSessions(store, { workspace: m.api }).length, filtered.new);

  const { readers, calls } = countingReaders();
  const again = await ingest(store, locations, { workspace: m.api, readers });
  assert.equal(parses(calls), 0, 'files read for every workspace cover any one of them');
  assert.equal(again.unchanged, filtered.new);
  await store.close();
});

test('explicit paths take no workspace filter', async () => {
  const m = fakeMachine();
  const store = await openStore();
  const r = await ingest(store, [m.files.claudeBlog!, m.files.codexBlog!]);
  assert.equal(r.new, 2);
  await store.close();
});
