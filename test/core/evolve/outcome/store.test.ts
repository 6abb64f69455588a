import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PipelineState } from '../../../../src/core/distill/pipeline/state';
import { splitTrajectory } from '../../../../src/core/distill/split/heuristic';
import { scorePendingUses } from '../../../../src/core/evolve/outcome/score-pending';
import { OutcomeStore } from '../../../../src/core/evolve/outcome/store';
import { saveSession } from '../../../../src/core/ingest/sessions';
import { StateStore } from '../../../../src/core/store/database';
import type { Trajectory } from '../../../../src/core/transcripts/model';
import { agent, bash, edit, session, user } from '../../distill/builders';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 6, 1, 9);

function ingest(store: StateStore, t: Trajectory): void {
  const json = JSON.stringify(t);
  saveSession(store, t, `/s/${t.sessionId}.jsonl`, json, createHash('sha256').update(json).digest('hex'), new Date(T0).toISOString());
  const atoms = splitTrajectory(t);
  new PipelineState(store).replaceAtoms(atoms[0].sessionKey, 0, atoms);
  store.run('DELETE FROM skill_uses WHERE session_key = ?', [atoms[0].sessionKey]);
  for (const a of atoms) {
    store.run("INSERT INTO skill_uses (atom_id, session_key, skill, version, evidence) VALUES (?, ?, 'docs', NULL, 'tool')", [a.id, a.sessionKey]);
  }
}

test('a resumed session is scored again where its atom grew, and a use attribution dropped no longer counts', async (t) => {
  const store = await StateStore.open(join(mkdtempSync(join(tmpdir(), 'skillsmith-outcome-store-')), 'state.db'));
  t.after(() => store.close());
  const first = session('claude-code', 'resumed', [user('Document the retry options'), agent('Documented.', edit('/w/docs/retry.md'), bash('npm run docs', 'ok'))]);
  ingest(store, { ...first, endedAt: new Date(T0).toISOString() });
  await scorePendingUses(store, { now: T0 + DAY });
  const outcomes = new OutcomeStore(store);
  assert.equal(outcomes.sessionOutcome('claude-code:resumed', 'docs'), 'success');

  // the user came back the next day and the same atom went on to a correction
  const resumed = { ...first, turns: [...first.turns, user("no, that's wrong: the default is 3 retries"), agent('Fixed.', edit('/w/docs/retry.md'))], endedAt: new Date(T0 + DAY).toISOString() };
  ingest(store, resumed);
  assert.equal(outcomes.pendingUses().length, 1);
  const report = await scorePendingUses(store, { now: T0 + 2 * DAY });
  assert.equal(report.scored, 1);
  assert.equal(outcomes.sessionOutcome('claude-code:resumed', 'docs'), 'failure');
  assert.equal(outcomes.forSession('claude-code:resumed', 'docs')[0].rule, 'corrected');

  store.run("DELETE FROM skill_uses WHERE session_key = 'claude-code:resumed'");
  assert.equal(outcomes.sessionOutcome('claude-code:resumed', 'docs'), undefined);
});
