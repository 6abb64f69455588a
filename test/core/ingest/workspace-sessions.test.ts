import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../../../src/core/ingest';
import { isWorkspaceBorne } from '../../../src/core/ingest/workspace-borne';
import { listSessions, loadTrajectory } from '../../../src/core/ingest/sessions';
import { StateStore } from '../../../src/core/store/database';
import { discoverSources } from '../../../src/core/transcripts/discovery';

// A cloned repository that carries its own SpecStory history: sessions the user's agents never had.
const SHOP = join(__dirname, '..', '..', 'fixtures', 'transcripts', 'specstory', 'shop');

async function rig(t: { after: (fn: () => Promise<void>) => void }) {
  const root = mkdtempSync(join(tmpdir(), 'skillsmith-wsborne-'));
  const workspace = join(root, 'shop');
  cpSync(SHOP, workspace, { recursive: true });
  const home = join(root, 'user');
  mkdirSync(home);
  const store = await StateStore.open(join(root, 'state.db'));
  t.after(() => store.close());
  const locations = discoverSources({ workspace, environment: { platform: 'linux', home, env: {} } }).filter((l) => l.exists);
  return { root, workspace, store, locations };
}

test('the rule: a discovered store inside the workspace, or an added folder inside it, is workspace-borne; an agent store or a named path is not', () => {
  const ws = '/w/repo';
  const unit = (path: string, location?: Parameters<typeof isWorkspaceBorne>[0]['location']) => ({ path, kind: 'file' as const, named: location === undefined, location });
  assert.equal(isWorkspaceBorne(unit('/w/repo/.specstory/history/a.md', { agent: 'specstory', label: 'SpecStory', path: '/w/repo/.specstory/history', units: { kind: 'walk' }, link: 'inside' }), ws), true);
  assert.equal(isWorkspaceBorne(unit('/w/repo/logs/s.jsonl', { label: 'Added folder', path: '/w/repo/logs', units: { kind: 'walk' }, link: 'none' }), ws), true);
  assert.equal(isWorkspaceBorne(unit('/home/u/logs/s.jsonl', { label: 'Added folder', path: '/home/u/logs', units: { kind: 'walk' }, link: 'none' }), ws), false);
  // an agent's own store stays the user's even when the workspace is the home folder that holds it
  assert.equal(isWorkspaceBorne(unit('/home/u/.claude/projects/x/s.jsonl', { agent: 'claude-code', label: 'Claude Code', path: '/home/u/.claude/projects', units: { kind: 'walk' }, link: 'encoded-path' }), '/home/u'), false);
  assert.equal(isWorkspaceBorne(unit('/w/repo/.specstory/history/a.md'), ws), false, 'a path the user named is the user’s choice');
});

test('untrusted (the default): the sessions in the workspace’s own files are not ingested, and the report says how many files were left', async (t) => {
  const { workspace, store, locations } = await rig(t);
  assert.deepEqual(locations.map((l) => l.agent), ['specstory']);
  const report = await ingest(store, locations, { workspace });
  assert.equal(report.new, 0);
  assert.equal(report.workspaceFilesSkipped, 7);
  assert.deepEqual(listSessions(store), []);
});

test('trusted: they are ingested and marked as coming from the repository, not from the user’s agent', async (t) => {
  const { workspace, store, locations } = await rig(t);
  const report = await ingest(store, locations, { workspace, workspaceSessions: true });
  assert.equal(report.workspaceFilesSkipped, 0);
  assert.ok(report.new >= 7, `${report.new} sessions`);
  const stored = listSessions(store);
  assert.ok(stored.length >= 7);
  for (const s of stored) assert.equal(loadTrajectory(store, s.key)!.origin, 'repository', s.key);
});

test('a path the user names is read and is not marked as the repository’s', async (t) => {
  const { workspace, store } = await rig(t);
  const report = await ingest(store, [join(workspace, '.specstory', 'history')]);
  assert.ok(report.new >= 7);
  for (const s of listSessions(store)) assert.equal(loadTrajectory(store, s.key)!.origin, undefined);
});
