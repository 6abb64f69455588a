import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PipelineState } from '../../../../src/core/distill/pipeline/state';
import { splitTrajectory } from '../../../../src/core/distill/split/heuristic';
import { scoreAtom } from '../../../../src/core/evolve/outcome/score-atom';
import { scorePendingUses } from '../../../../src/core/evolve/outcome/score-pending';
import { OutcomeStore } from '../../../../src/core/evolve/outcome/store';
import { saveSession } from '../../../../src/core/ingest/sessions';
import { OfflineLlmClient } from '../../../../src/core/llm/offline';
import { StateStore } from '../../../../src/core/store/database';
import type { Trajectory } from '../../../../src/core/transcripts/model';
import { reply } from '../../../support/openai-server';
import { agent, bash, edit, session, user } from '../../distill/builders';
import { rig } from '../../llm/helpers';

const NOW = Date.UTC(2025, 5, 2, 12);
const EARLIER = new Date(Date.UTC(2025, 5, 1, 9)).toISOString();

function clean(id = 'j1'): Trajectory {
  const t = session('claude-code', id, [
    user('Bump the API client to the new endpoint'),
    agent('Done; the tests pass.', { name: 'Skill', input: { skill: 'api-bump' }, output: '<!-- skillsmith-version: 1234567 skill: api-bump -->' }, edit('/w/src/client.ts'), bash('npm test', 'PASS 12 tests')),
  ]);
  return { ...t, startedAt: EARLIER, endedAt: EARLIER };
}

test('the judge gets the rubric and the excerpt, and a low score fails an atom the signals call clean', async (t) => {
  const { server, client } = await rig(t);
  server.enqueue(reply.json({ score: 3, reason: 'The endpoint was changed in the wrong file.' }));
  const trajectory = clean();
  const [atom] = splitTrajectory(trajectory);
  const score = await scoreAtom({ trajectory, atom, skill: 'api-bump', version: '1234567' }, { llm: client, now: NOW });
  assert.equal(score.outcome, 'failure');
  assert.equal(score.rule, 'judge-low');
  assert.deepEqual(score.judge, { score: 3, reason: 'The endpoint was changed in the wrong file.', model: 'test-model' });
  const [request] = server.requestsTo('chat');
  const [system, userMessage] = request.body.messages as { role: string; content: string }[];
  assert.match(system.content, /1 {3}Harmful/);
  assert.match(system.content, /at most 5/);
  assert.match(userMessage.content, /^Skill: api-bump \(version 1234567\)/);
  assert.match(userMessage.content, /Measured from the transcript: 3 tool calls, 0 failed, 0 retries/);
  assert.match(userMessage.content, /TOOL Bash \{"command":"npm test"\} -> PASS 12 tests/);
  assert.match(userMessage.content, /\(the session ends here\)/);
});

test('a high score makes a success; hard signals still beat the judge', async (t) => {
  const { server, client } = await rig(t);
  server.enqueue(reply.json({ score: 9, reason: 'Done at once.' }), reply.json({ score: 9, reason: 'Looks fine.' }));
  const trajectory = clean();
  const [atom] = splitTrajectory(trajectory);
  assert.equal((await scoreAtom({ trajectory, atom, skill: 'api-bump' }, { llm: client, now: NOW })).rule, 'judge-high');

  const corrected: Trajectory = { ...clean('j2'), turns: [...clean('j2').turns, user("no, that's wrong: the base URL lives in config.ts"), agent('Fixed.', edit('/w/src/config.ts'))] };
  const [atom2] = splitTrajectory(corrected);
  const score = await scoreAtom({ trajectory: corrected, atom: atom2, skill: 'api-bump' }, { llm: client, now: NOW });
  assert.equal(score.judge?.score, 9);
  assert.deepEqual([score.outcome, score.rule], ['failure', 'corrected']);
});

test('an out-of-range score is repaired once; a failing endpoint leaves the signals to decide', async (t) => {
  const { server, client } = await rig(t);
  server.enqueue(reply.json({ score: 11, reason: 'Great.' }), reply.json({ score: 8, reason: 'Great.' }));
  const trajectory = clean();
  const [atom] = splitTrajectory(trajectory);
  const repaired = await scoreAtom({ trajectory, atom, skill: 'api-bump' }, { llm: client, now: NOW });
  assert.equal(repaired.judge?.score, 8);
  assert.equal(server.requestsTo('chat').length, 2);

  server.enqueue(reply.error(401, 'invalid api key', 'invalid_api_key'));
  const fallback = await scoreAtom({ trajectory, atom, skill: 'api-bump' }, { llm: client, now: NOW });
  assert.equal(fallback.judge, undefined);
  assert.match(fallback.judgeError ?? '', /"judge".*invalid api key/);
  assert.deepEqual([fallback.outcome, fallback.rule], ['success', 'signals-clean']);
});

test('offline, the signals alone decide and no call is made', async () => {
  const trajectory = clean();
  const [atom] = splitTrajectory(trajectory);
  const score = await scoreAtom({ trajectory, atom, skill: 'api-bump' }, { llm: new OfflineLlmClient(), now: NOW });
  assert.equal(score.judge, undefined);
  assert.equal(score.judgeError, undefined);
  assert.deepEqual([score.outcome, score.rule], ['success', 'signals-clean']);
});

test('scorePendingUses scores each recorded skill use once, and waits for sessions still going', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'skillsmith-outcome-'));
  const store = await StateStore.open(join(dir, 'state.db'));
  t.after(() => store.close());
  const { server, client } = await rig(t);
  server.setHandler(() => reply.json({ score: 8, reason: 'Fine.' }));

  const done = clean('done');
  const failed: Trajectory = { ...clean('failed'), turns: [user('Bump the API client'), agent('It still fails.', edit('/w/src/client.ts'), bash('npm test', 'FAIL 2 tests\nexit code 1', true))] };
  const live: Trajectory = { ...clean('live'), endedAt: new Date(NOW - 60_000).toISOString() };
  for (const tr of [done, failed, live]) {
    const json = JSON.stringify(tr);
    saveSession(store, tr, `/s/${tr.sessionId}.jsonl`, json, createHash('sha256').update(json).digest('hex'), EARLIER);
    const atoms = splitTrajectory(tr);
    new PipelineState(store).replaceAtoms(atoms[0].sessionKey, 0, atoms);
    store.run("INSERT INTO skill_uses (atom_id, session_key, skill, version, evidence) VALUES (?, ?, 'api-bump', '1234567', 'marker')", [atoms[0].id, atoms[0].sessionKey]);
  }
  store.run("INSERT INTO skill_uses (atom_id, session_key, skill, version, evidence) VALUES ('claude-code:gone#0', 'claude-code:gone', 'api-bump', NULL, 'tool')");

  const first = await scorePendingUses(store, { llm: client, now: NOW });
  assert.deepEqual({ ...first, skipped: first.skipped.length }, { scored: 2, waiting: 1, skipped: 1, judged: 2, judgeFailures: 0 });
  assert.match(first.skipped[0], /claude-code:gone#0: session claude-code:gone is not in the store/);
  const outcomes = new OutcomeStore(store);
  assert.equal(outcomes.sessionOutcome('claude-code:done', 'api-bump'), 'success');
  assert.equal(outcomes.sessionOutcome('claude-code:failed', 'api-bump'), 'failure');
  assert.equal(outcomes.forSession('claude-code:failed', 'api-bump')[0].rule, 'abandoned', 'the session ended right after the failure');
  assert.equal(outcomes.forSession('claude-code:done', 'api-bump')[0].version, '1234567');
  assert.equal(outcomes.sessionOutcome('claude-code:live', 'api-bump'), undefined);

  const again = await scorePendingUses(store, { llm: client, now: NOW });
  assert.equal(again.scored, 0, 'nothing is scored twice');
  const later = await scorePendingUses(store, { llm: client, now: NOW + 60 * 60 * 1000 });
  assert.equal(later.scored, 1);
  assert.equal(server.requestsTo('chat').length, 3);
});
