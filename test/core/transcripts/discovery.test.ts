import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { READERS } from '../../../src/core/transcripts/registry';
import {
  discoverSources,
  locationUnits,
  WorkspaceFilter,
  type DiscoveredLocation,
  type DiscoveryEnvironment,
  type SessionUnit,
} from '../../../src/core/transcripts/discovery';
import { scratchDir } from '../../support/scratch';

function fakeHome(): string {
  return scratchDir('skillsmith-home-');
}

function touch(path: string, text = '{}\n'): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function env(platform: NodeJS.Platform, home: string, vars: Record<string, string> = {}): DiscoveryEnvironment {
  return { platform, home, env: vars };
}

/** Path of the location with this label (and agent), asserting there is exactly one. */
function pathOf(found: DiscoveredLocation[], label: string): string {
  const matches = found.filter((l) => l.label === label);
  assert.equal(matches.length, 1, `one location labelled ${label}: ${JSON.stringify(matches)}`);
  return matches[0]!.path;
}

function pathsOf(found: DiscoveredLocation[], agent: string): string[] {
  return found.filter((l) => l.agent === agent).map((l) => l.path);
}

test('Linux: default locations of every agent under the home folder', () => {
  const home = fakeHome();
  const found = discoverSources({ environment: env('linux', home), workspace: join(home, 'work', 'api') });
  assert.equal(pathOf(found, 'Copilot Chat (VS Code)'), join(home, '.config', 'Code', 'User', 'workspaceStorage'));
  assert.equal(pathOf(found, 'Copilot Chat (VS Code Insiders)'), join(home, '.config', 'Code - Insiders', 'User', 'workspaceStorage'));
  assert.equal(pathOf(found, 'Copilot Chat (VSCodium)'), join(home, '.config', 'VSCodium', 'User', 'workspaceStorage'));
  assert.equal(pathOf(found, 'Copilot CLI'), join(home, '.copilot', 'session-state'));
  assert.equal(pathOf(found, 'Cursor (all composers)'), join(home, '.config', 'Cursor', 'User', 'globalStorage', 'state.vscdb'));
  assert.equal(pathOf(found, 'Cursor (workspace chats)'), join(home, '.config', 'Cursor', 'User', 'workspaceStorage'));
  assert.equal(pathOf(found, 'Cursor agent transcripts'), join(home, '.cursor', 'projects'));
  assert.deepEqual(pathsOf(found, 'claude-code'), [join(home, '.claude', 'projects'), join(home, '.config', 'claude', 'projects')]);
  assert.deepEqual(pathsOf(found, 'codex'), [join(home, '.codex', 'sessions'), join(home, '.codex', 'archived_sessions')]);
  assert.deepEqual(pathsOf(found, 'opencode'), [join(home, '.local', 'share', 'opencode', 'opencode.db'), join(home, '.local', 'share', 'opencode', 'storage')]);
  assert.deepEqual(pathsOf(found, 'openclaw'), [join(home, '.openclaw', 'agents')]);
  assert.deepEqual(pathsOf(found, 'specstory'), [join(home, 'work', 'api', '.specstory', 'history')]);
  assert.ok(found.every((l) => !l.exists), 'nothing exists in an empty home');
});

test('Linux: XDG folders move VS Code, Cursor, Claude Code and OpenCode', () => {
  const home = fakeHome();
  const config = join(home, 'cfg');
  const data = join(home, 'data');
  const found = discoverSources({ environment: env('linux', home, { XDG_CONFIG_HOME: config, XDG_DATA_HOME: data }) });
  assert.equal(pathOf(found, 'Copilot Chat (VS Code)'), join(config, 'Code', 'User', 'workspaceStorage'));
  assert.equal(pathOf(found, 'Cursor (workspace chats)'), join(config, 'Cursor', 'User', 'workspaceStorage'));
  assert.deepEqual(pathsOf(found, 'claude-code'), [join(home, '.claude', 'projects'), join(config, 'claude', 'projects')]);
  assert.equal(pathsOf(found, 'opencode')[0], join(data, 'opencode', 'opencode.db'));
  // older Copilot CLIs kept their folder under $XDG_CONFIG_HOME
  assert.deepEqual(found.filter((l) => l.label === 'Copilot CLI').map((l) => l.path), [join(home, '.copilot', 'session-state'), join(config, '.copilot', 'session-state')]);
});

test('macOS: editors under ~/Library/Application Support, the CLI agents in the home folder', () => {
  const home = fakeHome();
  const support = join(home, 'Library', 'Application Support');
  const found = discoverSources({ environment: env('darwin', home, { XDG_CONFIG_HOME: join(home, 'ignored-for-editors') }) });
  assert.equal(pathOf(found, 'Copilot Chat (VS Code)'), join(support, 'Code', 'User', 'workspaceStorage'));
  assert.equal(pathOf(found, 'Copilot Chat, no folder open (VS Code Insiders)'), join(support, 'Code - Insiders', 'User', 'globalStorage', 'emptyWindowChatSessions'));
  assert.equal(pathOf(found, 'Cursor (all composers)'), join(support, 'Cursor', 'User', 'globalStorage', 'state.vscdb'));
  assert.equal(pathsOf(found, 'claude-code')[0], join(home, '.claude', 'projects'));
  assert.equal(pathsOf(found, 'codex')[0], join(home, '.codex', 'sessions'));
  assert.equal(pathsOf(found, 'opencode')[0], join(home, '.local', 'share', 'opencode', 'opencode.db'));
});

test('Windows: editors under %APPDATA%, or the roaming folder of %USERPROFILE% without it', () => {
  const home = fakeHome();
  const appData = join(home, 'AppData', 'Roaming');
  let found = discoverSources({ environment: env('win32', home, { APPDATA: appData }) });
  assert.equal(pathOf(found, 'Copilot Chat (VS Code)'), join(appData, 'Code', 'User', 'workspaceStorage'));
  assert.equal(pathOf(found, 'Cursor (workspace chats)'), join(appData, 'Cursor', 'User', 'workspaceStorage'));
  assert.equal(pathsOf(found, 'claude-code')[0], join(home, '.claude', 'projects'));
  assert.equal(pathsOf(found, 'codex')[0], join(home, '.codex', 'sessions'));
  assert.equal(pathsOf(found, 'opencode')[0], join(home, '.local', 'share', 'opencode', 'opencode.db'));

  const profile = join(home, 'profile');
  found = discoverSources({ environment: env('win32', home, { USERPROFILE: profile }) });
  assert.equal(pathOf(found, 'Copilot Chat (VSCodium)'), join(profile, 'AppData', 'Roaming', 'VSCodium', 'User', 'workspaceStorage'));
});

test('environment overrides on every OS: CLAUDE_CONFIG_DIR, CODEX_HOME, COPILOT_HOME, VSCODE_APPDATA, VSCODE_PORTABLE, OPENCLAW_STATE_DIR', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    const home = fakeHome();
    const vars = {
      CLAUDE_CONFIG_DIR: `${join(home, 'claude-a')},${join(home, 'claude-b')}`,
      CODEX_HOME: join(home, 'codex-home'),
      COPILOT_HOME: join(home, 'copilot-home'),
      VSCODE_APPDATA: join(home, 'appdata'),
      VSCODE_PORTABLE: join(home, 'portable'),
      OPENCLAW_STATE_DIR: join(home, 'claw'),
      APPDATA: join(home, 'not-used'),
    };
    const found = discoverSources({ environment: env(platform, home, vars) });
    assert.deepEqual(pathsOf(found, 'claude-code'), [join(home, 'claude-a', 'projects'), join(home, 'claude-b', 'projects')], platform);
    assert.deepEqual(pathsOf(found, 'codex'), [join(home, 'codex-home', 'sessions'), join(home, 'codex-home', 'archived_sessions')], platform);
    assert.equal(pathOf(found, 'Copilot CLI'), join(home, 'copilot-home', 'session-state'), platform);
    assert.equal(pathOf(found, 'Copilot Chat (VS Code)'), join(home, 'appdata', 'Code', 'User', 'workspaceStorage'), platform);
    assert.equal(pathOf(found, 'Copilot Chat (VS Code (portable))'), join(home, 'portable', 'user-data', 'User', 'workspaceStorage'), platform);
    assert.equal(pathOf(found, 'Cursor (all composers)'), join(home, 'appdata', 'Cursor', 'User', 'globalStorage', 'state.vscdb'), platform);
    assert.deepEqual(pathsOf(found, 'openclaw'), [join(home, 'claw', 'agents')], platform);
  }
});

test('OpenClaw falls back to a legacy state folder only when ~/.openclaw is absent', () => {
  const home = fakeHome();
  mkdirSync(join(home, '.clawdbot'));
  assert.deepEqual(pathsOf(discoverSources({ environment: env('linux', home) }), 'openclaw'), [join(home, '.clawdbot', 'agents')]);
  mkdirSync(join(home, '.openclaw'));
  assert.deepEqual(pathsOf(discoverSources({ environment: env('linux', home) }), 'openclaw'), [join(home, '.openclaw', 'agents')]);
});

test('folders the user adds, by option and by SKILLSMITH_SESSION_DIRS, are walked whole', () => {
  const home = fakeHome();
  const a = join(home, 'exports-a');
  const b = join(home, 'exports-b');
  const c = join(home, 'exports-c');
  mkdirSync(a);
  const found = discoverSources({ environment: env('linux', home, { SKILLSMITH_SESSION_DIRS: `${b}:${c}` }), extraFolders: [a] });
  const added = found.filter((l) => l.label === 'Added folder');
  assert.deepEqual(added.map((l) => [l.path, l.exists, l.agent, l.units.kind]), [
    [a, true, undefined, 'walk'],
    [b, false, undefined, 'walk'],
    [c, false, undefined, 'walk'],
  ]);
  const win = discoverSources({ environment: env('win32', home, { SKILLSMITH_SESSION_DIRS: `${a};${b}` }) });
  assert.deepEqual(win.filter((l) => l.label === 'Added folder').map((l) => l.path), [a, b]);
});

test('each location lists only its session files: Claude sub-agents, other extensions and non-sessions are left out', async () => {
  const home = fakeHome();
  const e = env('linux', home);
  const ws = join(home, '.config', 'Code', 'User', 'workspaceStorage');
  const expected = [
    touch(join(ws, 'a1', 'chatSessions', 's1.jsonl')),
    touch(join(ws, 'a1', 'chatSessions', 's2.json')),
    touch(join(ws, 'a1', 'GitHub.copilot-chat', 'transcripts', 't1.jsonl')),
    touch(join(home, '.copilot', 'session-state', 'cli-1', 'events.jsonl')),
    touch(join(home, '.claude', 'projects', '-home-u-api', 's3.jsonl')),
    touch(join(home, '.codex', 'sessions', '2026', '10', '01', 'rollout-2026-10-01T09-00-00-x.jsonl')),
    touch(join(home, '.codex', 'archived_sessions', 'rollout-2025-05-01-y.json')),
    touch(join(home, '.cursor', 'projects', 'home-u-api', 'agent-transcripts', 'c1.txt')),
    touch(join(home, '.cursor', 'projects', 'home-u-api', 'agent-transcripts', 'c2', 'c2.jsonl')),
    touch(join(home, '.config', 'Cursor', 'User', 'workspaceStorage', 'w9', 'state.vscdb')),
    touch(join(home, '.openclaw', 'agents', 'main', 'sessions', 'o1.trajectory.jsonl')),
  ];
  // not sessions, or not sessions of their own
  touch(join(ws, 'a1', 'ms-python.python', 'cache.json'));
  touch(join(ws, 'a1', 'workspace.json'));
  touch(join(home, '.claude', 'projects', '-home-u-api', 'agent-1234.jsonl'));
  touch(join(home, '.claude', 'projects', '-home-u-api', 's3', 'subagents', 'agent-1.jsonl'));
  touch(join(home, '.codex', 'sessions', 'session_index.jsonl'));
  touch(join(home, '.openclaw', 'agents', 'main', 'sessions', 'o1.jsonl'));
  touch(join(home, '.openclaw', 'agents', 'main', 'sessions', 'sessions.json'));

  const units: SessionUnit[] = [];
  for (const location of discoverSources({ environment: e })) units.push(...(await locationUnits(location, READERS)));
  assert.deepEqual(units.map((u) => u.path).sort(), [...expected].sort());
  const claude = units.find((u) => u.path.endsWith('s3.jsonl'))!;
  assert.equal(claude.linkKey, '-home-u-api');
  assert.equal(units.find((u) => u.path.endsWith('t1.jsonl'))!.linkKey, 'a1');
});

test('workspace links: workspace.json, Claude project names and Cursor slugs say yes, maybe or no before reading', () => {
  const home = fakeHome();
  const workspace = join(home, 'work', 'shop-api');
  mkdirSync(workspace, { recursive: true });
  const storage = join(home, 'User', 'workspaceStorage');
  touch(join(storage, 'mine', 'workspace.json'), JSON.stringify({ folder: `file://${workspace}` }));
  touch(join(storage, 'sub', 'workspace.json'), JSON.stringify({ folder: `file://${join(workspace, 'packages', 'web')}` }));
  touch(join(storage, 'other', 'workspace.json'), JSON.stringify({ folder: `file://${join(home, 'work', 'blog')}` }));
  const filter = new WorkspaceFilter(workspace);
  const unit = (link: 'storage-id' | 'encoded-path' | 'slug' | 'inside' | 'none', linkKey: string | undefined, root = storage): SessionUnit => ({
    path: join(root, linkKey ?? '', 'x.jsonl'),
    kind: 'file',
    location: { agent: 'copilot', label: 't', path: root, units: { kind: 'walk' }, link },
    linkKey,
    named: false,
  });
  assert.equal(filter.verdict(unit('storage-id', 'mine')), 'yes');
  assert.equal(filter.verdict(unit('storage-id', 'sub')), 'yes', 'a subfolder of the workspace is inside it');
  assert.equal(filter.verdict(unit('storage-id', 'other')), 'no');
  assert.equal(filter.verdict(unit('storage-id', 'no-workspace-json')), 'unknown');

  const encoded = workspace.replace(/[^A-Za-z0-9]/g, '-');
  assert.equal(filter.verdict(unit('encoded-path', encoded)), 'yes');
  assert.equal(filter.verdict(unit('encoded-path', `${encoded}-packages-web`)), 'maybe');
  assert.equal(filter.verdict(unit('encoded-path', encoded.replace('shop-api', 'blog'))), 'no');

  const slug = workspace.slice(1).replace(/\//g, '-');
  assert.equal(filter.verdict(unit('slug', slug)), 'yes');
  assert.equal(filter.verdict(unit('slug', `${slug}-web`)), 'maybe');
  assert.equal(filter.verdict(unit('slug', 'home-someone-else')), 'no');

  assert.equal(filter.verdict(unit('inside', undefined)), 'yes');
  assert.equal(filter.verdict(unit('none', undefined)), 'unknown');
  assert.equal(filter.verdict({ path: '/x', kind: 'file', named: true }), 'unknown');

  // a session's own workspace decides; without one, only a definite link does
  assert.equal(filter.accepts(workspace, 'unknown'), true);
  assert.equal(filter.accepts(join(workspace, 'src'), 'no'), true);
  assert.equal(filter.accepts(`${workspace}-v2`, 'maybe'), false, 'a sibling whose name goes on is not inside');
  assert.equal(filter.accepts(join(home, 'work'), 'yes'), false, 'a parent of the workspace is not inside it');
  assert.equal(filter.accepts(undefined, 'yes'), true);
  assert.equal(filter.accepts(undefined, 'maybe'), false);
  assert.equal(filter.accepts(undefined, 'unknown'), false);
});

test('a workspace reached through a symlink matches sessions that recorded either path', () => {
  const home = fakeHome();
  const real = join(home, 'real', 'api');
  mkdirSync(real, { recursive: true });
  const link = join(home, 'link');
  symlinkSync(join(home, 'real'), link);
  const filter = new WorkspaceFilter(join(link, 'api'));
  assert.equal(filter.accepts(join(real, 'src'), 'unknown'), true);
  assert.equal(filter.accepts(join(link, 'api'), 'unknown'), true);
  assert.equal(filter.accepts(join(home, 'real', 'other'), 'unknown'), false);
});

test('Windows-style session paths match regardless of separators and drive-letter case', () => {
  const filter = new WorkspaceFilter('C:\\Users\\dev\\shop-api');
  assert.equal(filter.accepts('c:/users/dev/shop-api/src', 'unknown'), true);
  assert.equal(filter.accepts('C:\\Users\\dev\\shop-api-old', 'unknown'), false);
});
