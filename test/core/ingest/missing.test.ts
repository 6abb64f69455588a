import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitJobs } from '../../../src/core/distill/llm/plan-splits';
import { PipelineState } from '../../../src/core/distill/pipeline/state';
import { splitTrajectory } from '../../../src/core/distill/split/heuristic';
import { emptyReport } from '../../../src/core/ingest/report';
import { ingest, listSessions, loadTrajectory } from '../../../src/core/ingest';
import { claudeCodeLines, jsonl } from '../../support/session-lines';
import { fileRow, openStore, tempDir } from './helpers';

const CWD = '/home/dev/shop-api';

function writeSession(dir: string, id: string): string {
  const path = join(dir, `${id}.jsonl`);
  writeFileSync(path, jsonl(claudeCodeLines({ sessionId: id, cwd: CWD, exchanges: 3 })));
  return path;
}

const IDS = ['11111111-aaaa-4aaa-8aaa-000000000001', '22222222-bbbb-4bbb-8bbb-000000000002', '33333333-cccc-4ccc-8ccc-000000000003'];
const key = (id: string) => `claude-code:${id}`;

test('sessions whose file is gone are reported as missing, not offered as new work, and keep their text and provenance', async () => {
  const dir = tempDir();
  const sessions = join(dir, 'sessions');
  mkdirSync(sessions);
  const [usedPath, unusedPath] = IDS.map((id) => writeSession(sessions, id));
  const store = await openStore(dir);
  const first = await ingest(store, [sessions]);
  assert.deepEqual([first.new, first.missing], [3, 0]);

  // the first session was distilled into a skill version; the second was never split
  const state = new PipelineState(store);
  const used = loadTrajectory(store, key(IDS[0]))!;
  const atoms = splitTrajectory(used);
  state.replaceAtoms(key(IDS[0]), 0, atoms);
  state.setStage(key(IDS[0]), 'split', { splitTurns: used.turns.length, contentHash: listSessions(store)[0]!.contentHash });
  state.recordVersion('fix-order-tests', 'abc1234', atoms, 'proposal');
  assert.deepEqual([...splitJobs(store)].map((j) => j.trajectory.sessionId).sort(), [IDS[1], IDS[2]]);

  rmSync(usedPath);
  rmSync(unusedPath);
  const second = await ingest(store, [sessions]);
  assert.deepEqual([second.new, second.updated, second.unchanged, second.failed, second.missing], [0, 0, 1, 0, 2]);
  assert.deepEqual(
    second.sessions.map((s) => [s.key, s.status]).sort(),
    [
      [key(IDS[0]), 'missing'],
      [key(IDS[1]), 'missing'],
      [key(IDS[2]), 'unchanged'],
    ],
  );
  // the report only gained a field: every earlier one is still there, in the same shape
  assert.deepEqual(Object.keys(second).sort(), [...Object.keys(emptyReport())].sort());
  assert.ok(['new', 'updated', 'unchanged', 'failed', 'problems', 'sessions', 'files', 'cancelled'].every((k) => k in second));
  assert.equal(fileRow(store, usedPath)?.status, 'missing');

  // nothing is deleted: lookups still find the sessions, marked; the pipeline's view leaves them out
  assert.deepEqual(listSessions(store).map((s) => [s.sessionId, s.missing ?? false]), IDS.map((id, i) => [id, i < 2]));
  assert.deepEqual(listSessions(store, { skipMissing: true }).map((s) => s.sessionId), [IDS[2]]);
  assert.deepEqual([...splitJobs(store)].map((j) => j.trajectory.sessionId), [IDS[2]], 'the never-split missing session is no longer new work');
  // provenance still resolves to the stored atoms and session text
  const rows = state.provenance('fix-order-tests', 'abc1234');
  assert.equal(rows.length, atoms.length);
  assert.ok(rows.every((r) => r.sessionKey === key(IDS[0])));
  assert.deepEqual(state.atomsById(rows.map((r) => r.atomId)).map((a) => a.id).sort(), atoms.map((a) => a.id).sort());
  assert.deepEqual(loadTrajectory(store, key(IDS[0])), used);

  // asked again, they are still missing (reported each run, like failed files)
  const third = await ingest(store, [sessions]);
  assert.deepEqual([third.unchanged, third.missing], [1, 2]);
  await store.close();
});

test('a missing file that comes back is read again and its sessions are current work again', async () => {
  const dir = tempDir();
  const sessions = join(dir, 'sessions');
  mkdirSync(sessions);
  const path = writeSession(sessions, IDS[0]);
  const store = await openStore(dir);
  await ingest(store, [sessions]);
  const away = join(dir, 'away.jsonl');
  renameSync(path, away);
  assert.equal((await ingest(store, [sessions])).missing, 1);
  assert.equal(listSessions(store, { skipMissing: true }).length, 0);

  renameSync(away, path);
  const back = await ingest(store, [sessions]);
  assert.deepEqual([back.new, back.updated, back.unchanged, back.missing, back.files.read], [0, 0, 1, 0, 1]);
  assert.equal(fileRow(store, path)?.status, 'ok');
  assert.deepEqual(listSessions(store, { skipMissing: true }).map((s) => s.sessionId), [IDS[0]]);
  assert.equal(listSessions(store)[0]!.missing, undefined);
  await store.close();
});

test('with a workspace filter, only that workspace\u2019s vanished sessions are reported and marked', async () => {
  const dir = tempDir();
  const sessions = join(dir, 'sessions');
  mkdirSync(sessions);
  const ours = writeSession(sessions, IDS[0]);
  const theirs = join(sessions, `${IDS[1]}.jsonl`);
  writeFileSync(theirs, jsonl(claudeCodeLines({ sessionId: IDS[1], cwd: '/home/dev/other', exchanges: 2 })));
  const store = await openStore(dir);
  await ingest(store, [sessions]);
  rmSync(ours);
  rmSync(theirs);
  const filtered = await ingest(store, [sessions], { workspace: CWD });
  assert.equal(filtered.missing, 1);
  assert.deepEqual(filtered.sessions, [{ key: key(IDS[0]), status: 'missing' }]);
  assert.equal(fileRow(store, theirs)?.status, 'ok', 'left for a run that covers its workspace');
  assert.equal((await ingest(store, [sessions], { allWorkspaces: true })).missing, 2);
  await store.close();
});
