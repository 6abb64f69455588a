import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { DistillEngine } from '../../../src/core/distill/engine';
import { OfflineEngine } from '../../../src/core/distill/offline/offline-engine';
import { runPipeline } from '../../../src/core/distill/pipeline/run';
import { PipelineState } from '../../../src/core/distill/pipeline/state';
import { saveSession } from '../../../src/core/ingest/sessions';
import { SkillLibrary } from '../../../src/core/skills/library/library';
import { validateSkillText } from '../../../src/core/skills/skillmd/validate';
import { StateStore } from '../../../src/core/store/database';
import type { Trajectory } from '../../../src/core/transcripts/model';
import { agent, bash, edit, fixTests, session, shell, user } from './builders';

function corpus(): Trajectory[] {
  return [
    session('claude-code', 's1', [...fixTests('The unit tests for date parsing fail, please fix them'), user('explain closures'), agent('…')]),
    session('claude-code', 's2', fixTests('npm test is failing after my change to the parser, fix the failing tests')),
    session('codex', 's3', fixTests('fix the failing tests in the billing module', shell)),
    session('claude-code', 's4', [user('Add a migration for the email column'), agent('ok', bash('npm run migrate'), edit('/a/m.sql'))]),
  ];
}

async function home() {
  const dir = mkdtempSync(join(tmpdir(), 'skillsmith-pipeline-'));
  const store = await StateStore.open(join(dir, 'state.db'));
  const library = await SkillLibrary.open(join(dir, 'library'));
  return { dir, store, library };
}

function store(db: StateStore, sessions: Trajectory[]): void {
  for (const t of sessions) {
    const json = JSON.stringify(t);
    saveSession(db, t, `/sessions/${t.sessionId}.jsonl`, json, createHash('sha256').update(json).digest('hex'), new Date().toISOString());
  }
}

/** Counts the engine's calls, and can fail at the n-th one as a crash would. */
function counting(inner: DistillEngine, failAt = Infinity) {
  let calls = 0;
  const tick = () => {
    if (++calls >= failAt) throw new Error('simulated crash');
  };
  const engine: DistillEngine = {
    name: inner.name,
    split: async (...a) => (tick(), inner.split(...a)),
    route: async (...a) => (tick(), inner.route(...a)),
    propose: async (...a) => (tick(), inner.propose(...a)),
    revise: async (...a) => (tick(), inner.revise(...a)),
  };
  return { engine, calls: () => calls };
}

async function snapshot(library: SkillLibrary) {
  const out: Record<string, string> = {};
  for (const c of await library.listCandidates()) out[c.name] = (await library.show(c.name, c.version.id)).files['SKILL.md'];
  for (const s of await library.list()) out[`main:${s.name}`] = (await library.show(s.name)).files['SKILL.md'];
  return out;
}

test('distills a valid draft with provenance; a second run makes no engine call and no commit', async () => {
  const { store: db, library } = await home();
  store(db, corpus());
  const first = await runPipeline({ store: db, library, engine: new OfflineEngine() });
  assert.equal(first.created.length, 1, JSON.stringify(first));
  assert.equal(first.commits, 1);
  const [draft] = await library.listCandidates();
  assert.equal(draft.baseVersion, null, 'a new skill is a draft until accepted');
  const text = (await library.show(draft.name, draft.version.id)).files['SKILL.md'];
  assert.equal(validateSkillText(text, draft.name, 'draft').valid, true);
  const provenance = new PipelineState(db).provenance(draft.name, draft.version.id);
  assert.deepEqual([...new Set(provenance.map((p) => p.sessionKey))].sort(), ['claude-code:s1', 'claude-code:s2', 'codex:s3']);

  const again = counting(new OfflineEngine());
  const second = await runPipeline({ store: db, library, engine: again.engine });
  assert.equal(again.calls(), 0);
  assert.equal(second.commits, 0);
  assert.deepEqual(second.created, []);
  await db.close();
});

test('a run that crashes at any point and is run again gives the same library as one uninterrupted run', async () => {
  const whole = await home();
  store(whole.store, corpus());
  const counted = counting(new OfflineEngine());
  await runPipeline({ store: whole.store, library: whole.library, engine: counted.engine });
  const expected = await snapshot(whole.library);
  await whole.store.close();
  assert.ok(counted.calls() >= 5);

  for (let failAt = 1; failAt <= counted.calls(); failAt++) {
    const h = await home();
    store(h.store, corpus());
    const crashing = counting(new OfflineEngine(), failAt);
    await assert.rejects(runPipeline({ store: h.store, library: h.library, engine: crashing.engine }), /simulated crash/);
    await runPipeline({ store: h.store, library: h.library, engine: new OfflineEngine() });
    assert.deepEqual(await snapshot(h.library), expected, `crash at call ${failAt}`);
    await h.store.close();
  }
});

test('a grown session is split only from its last atom, and new evidence revises the draft', async () => {
  const { store: db, library } = await home();
  const sessions = corpus();
  store(db, sessions);
  await runPipeline({ store: db, library, engine: new OfflineEngine() });
  const state = new PipelineState(db);
  const before = state.atomsById(['claude-code:s2#0']);
  assert.equal(before.length, 1);

  const grown = { ...sessions[1], turns: [...sessions[1].turns, ...fixTests('the tests in the cart module fail too, fix them')] };
  const fresh = session('claude-code', 's5', fixTests('fix the failing tests in the orders module'));
  store(db, [grown, fresh]);
  const calls = counting(new OfflineEngine());
  const report = await runPipeline({ store: db, library, engine: calls.engine });
  assert.equal(report.sessionsSplit, 2);
  assert.deepEqual(state.atomsById(['claude-code:s2#0'])[0].turnEnd, 2, 'the earlier atom is kept as it was');
  assert.equal(report.updated.length, 1, JSON.stringify(report));
  const [draft] = await library.listCandidates();
  const text = (await library.show(draft.name, draft.version.id)).files['SKILL.md'];
  assert.match(text, /5 requests in 4 sessions/);
  await db.close();
});

test('a revision the engine could not answer for (no usable reply) keeps its evidence and sessions waiting, and the next run revises', async () => {
  const { store: db, library } = await home();
  const sessions = corpus();
  store(db, sessions);
  await runPipeline({ store: db, library, engine: new OfflineEngine() });
  store(db, [session('claude-code', 's5', fixTests('fix the failing tests in the orders module')), session('claude-code', 's6', fixTests('the cart tests fail, fix them'))]);
  const offline = new OfflineEngine();
  const unanswering: DistillEngine = { ...counting(offline).engine, revise: async () => ({ unanswered: 'unusable reply' }) };
  const failed = await runPipeline({ store: db, library, engine: unanswering });
  assert.equal(failed.updated.length, 0);
  assert.equal(failed.unwritten, 1, JSON.stringify(failed));
  const stages = (keys: string[]) => keys.map((k) => db.all<{ stage: string }>('SELECT stage FROM distill_sessions WHERE session_key = ?', [k])[0]?.stage);
  assert.deepEqual(stages(['claude-code:s5', 'claude-code:s6']), ['routed', 'routed'], 'nothing was decided about them');

  const healthy = await runPipeline({ store: db, library, engine: offline });
  assert.equal(healthy.updated.length, 1, JSON.stringify(healthy));
  assert.deepEqual(stages(['claude-code:s5', 'claude-code:s6']), ['written', 'written']);
  await db.close();
});
