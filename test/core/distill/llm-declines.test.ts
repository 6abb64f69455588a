import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declineCovering, declineOf, type Decline } from '../../../src/core/distill/declines';
import { OfflineEngine } from '../../../src/core/distill/offline/offline-engine';
import { runPipeline } from '../../../src/core/distill/pipeline/run';
import { PipelineState } from '../../../src/core/distill/pipeline/state';
import { scriptedModel, stageOf, userMessage } from '../../support/scripted-model';
import { agent, bash, session, user } from './builders';
import { firstCorpus, llmHome, migration, storeSessions, type LlmHome } from './llm-rig';

const REASON = 'the requests are a prompt template, not a procedure';

/** A session that joins neither workflow of the first corpus. */
function unrelated(id: string) {
  return session('claude-code', id, [user('List the open pull requests for me'), agent('Here they are.', bash('gh pr list', '#12 fix cart'))]);
}

/** What one run sent, by stage, and the propose prompts. */
async function runOnce(home: LlmHome) {
  const before = home.server.requests.length;
  const { report, engine } = await home.run();
  const sent = home.server.requests.slice(before);
  return { report, engine, stages: sent.map(stageOf), proposed: sent.filter((r) => stageOf(r) === 'propose').map(userMessage) };
}

test('a declined group is remembered with its reason and date and not asked again until a new session extends it', async (t) => {
  const home = await llmHome(t, scriptedModel({ declineWhen: /migration/ }));
  storeSessions(home.store, firstCorpus());
  const started = Date.now();
  const first = await runOnce(home);
  assert.equal(first.report.created.length, 1, JSON.stringify(first.report));
  assert.equal(first.report.declined, 1);
  assert.equal(first.report.skippedAsDeclined, 0);
  assert.equal(first.proposed.length, 1);
  assert.match(first.proposed[0], /migration/);
  const state = new PipelineState(home.store);
  const [declined, ...others] = state.declinedGroups();
  assert.deepEqual(others, []);
  assert.equal(declined.reason, REASON);
  assert.equal(declined.by, 'openai:scripted');
  assert.ok(Date.parse(declined.declinedAt) >= started - 1000 && Date.parse(declined.declinedAt) <= Date.now(), declined.declinedAt);
  assert.deepEqual([...new Set(declined.atoms.map((a) => a.sessionKey))].sort(), ['claude-code:s4', 'claude-code:s6', 'codex:s5']);

  // an unrelated new session brings the pipeline back to proposing, but the declined group is not asked
  storeSessions(home.store, [unrelated('s20')]);
  const second = await runOnce(home);
  assert.equal(second.report.sessionsSplit, 1);
  assert.deepEqual(second.proposed, [], `no propose call: ${second.stages.join(', ')}`);
  assert.equal(second.report.skippedAsDeclined, 1);
  assert.equal(second.report.declined, 0);
  assert.equal(second.report.commits, 0);

  // a session doing the same work is new evidence: the group is asked again, with it
  storeSessions(home.store, [session('codex', 's21', migration('add a migration that creates the invoices table'))]);
  const third = await runOnce(home);
  assert.equal(third.proposed.length, 1, `asked again: ${third.stages.join(', ')}`);
  assert.match(third.proposed[0], /invoices table/);
  assert.equal(third.report.skippedAsDeclined, 0);
  assert.equal(third.report.declined, 1);
  assert.equal(third.engine.notices.length, 1);
  assert.match(third.engine.notices[0], /^the model declined a skill for 4 requests like /);
  const now = state.declinedGroups();
  assert.equal(now.length, 1, 'the larger decline replaced the one it contains');
  assert.deepEqual([...new Set(now[0].atoms.map((a) => a.sessionKey))].sort(), ['claude-code:s4', 'claude-code:s6', 'codex:s21', 'codex:s5']);

  storeSessions(home.store, [unrelated('s22')]);
  const fourth = await runOnce(home);
  assert.deepEqual(fourth.proposed, []);
  assert.equal(fourth.report.skippedAsDeclined, 1);

  const sent = home.server.requests.length;
  const fifth = await runOnce(home);
  assert.equal(home.server.requests.length, sent, 'a rerun over unchanged sessions sends nothing');
  assert.equal(fifth.report.skippedAsDeclined, 0, 'nothing was even mined');
  assert.equal(fifth.report.commits, 0);
});

test('a group that is only a part of a declined one, or the same group grown within its sessions, is covered; a new session or other atoms are not', () => {
  const a = (session: string, turn: number) => ({ id: `claude-code:${session}#${turn}`, sessionKey: `claude-code:${session}` });
  const declined: Decline[] = [declineOf([a('s1', 0), a('s2', 0), a('s3', 0)], REASON, 'm')];
  assert.ok(declineCovering([a('s3', 0), a('s1', 0), a('s2', 0)], declined), 'the same atoms in another order');
  assert.ok(declineCovering([a('s1', 0), a('s2', 0)], declined), 'a part of the group');
  assert.ok(declineCovering([a('s1', 0), a('s2', 0), a('s3', 0), a('s1', 4)], declined), 'one more request from a session it saw');
  assert.equal(declineCovering([a('s1', 0), a('s2', 0), a('s3', 0), a('s9', 0)], declined), undefined, 'evidence from a new session');
  assert.equal(declineCovering([a('s1', 4), a('s2', 6)], declined), undefined, 'other work from the same sessions');
  assert.equal(declineCovering([a('s1', 0), a('s1', 4), a('s2', 6)], declined), undefined, 'mostly requests the decline never judged, though from the same sessions');
  assert.equal(declineCovering([a('s1', 0), a('s2', 0)], []), undefined);
});

test('the offline engine does not draft a group a model declined', async (t) => {
  const home = await llmHome(t, scriptedModel({ declineWhen: /migration/ }));
  storeSessions(home.store, firstCorpus());
  await home.run();
  storeSessions(home.store, [unrelated('s20')]);
  const report = await runPipeline({ store: home.store, library: home.library, engine: new OfflineEngine() });
  assert.equal(report.skippedAsDeclined, 1);
  assert.deepEqual(report.created, []);
  assert.deepEqual((await home.library.listCandidates()).map((c) => c.name).filter((n) => /migrat/.test(n)), []);
});
