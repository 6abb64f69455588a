import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError } from '../../../../src/core/errors';
import { scorePendingUses } from '../../../../src/core/evolve/outcome/score-pending';
import { CanaryEngine, type ReviewEntry } from '../../../../src/core/evolve/canary/engine';
import { recordHandEdit } from '../../../../src/core/evolve/hand-edits/store';
import { writeSkill } from '../../skills/library/helpers';
import { canaryHome, ingestSession, outcomeAt, scriptedSession, SKILL, T0 } from './harness';

const HOUR = 60 * 60 * 1000;

type Home = Awaited<ReturnType<typeof canaryHome>>;

/**
 * Runs sessions through the whole loop, a batch at a time: each session is served by the canary (or, with
 * `observed`, simply loads a version and is found by attribution), is ingested and scored offline, and the
 * canary reviews after each batch. Stops when the canary ends.
 */
async function runSessions(h: Home, quality: { v1: [number, number]; v2: [number, number] }, opts: { observed?: boolean; max?: number } = {}): Promise<ReviewEntry[]> {
  const reviews: ReviewEntry[] = [];
  for (let i = 0; i < (opts.max ?? 240); i++) {
    const key = `s${String(i).padStart(3, '0')}`;
    const version = opts.observed ? (i % 2 === 0 ? h.v1 : h.v2) : h.engine.assign(SKILL, `claude-code:${key}`)!.version;
    const [good, of] = version === h.v1 ? quality.v1 : quality.v2;
    const n = Math.floor(i / 2);
    h.clock.now = T0 + (i + 1) * 10 * 60_000;
    ingestSession(h.store, scriptedSession(key, version, outcomeAt(n, good, of), h.clock.now - 5 * 60_000), version);
    if (i % 10 !== 9) continue;
    h.clock.now += HOUR; // the sessions have gone quiet
    await scorePendingUses(h.store, { now: h.clock.now });
    reviews.push(...(await h.engine.review()));
    if (!h.engine.running(SKILL)) break;
  }
  return reviews;
}

test('sessions on version 1 go worse than on version 2: the canary promotes version 2', async (t) => {
  const h = await canaryHome(t);
  const canary = await h.engine.start(SKILL);
  assert.deepEqual([canary.currentVersion, canary.candidateVersion, canary.state, canary.share], [h.v1, h.v2, 'running', 0.5]);

  const reviews = await runSessions(h, { v1: [2, 5], v2: [9, 10] });
  const end = reviews.find((r) => r.ended)!;
  assert.equal(end.ended!.state, 'promoted');
  assert.match(end.ended!.reason, /^canary promoted [0-9a-f]{7} over [0-9a-f]{7}: P\(better\) = [0-9.>]+ at 40 sessions per arm \(candidate 36\/40 vs current 16\/40 succeeded\)$/);

  const [current] = await h.library.list();
  assert.equal(current.version, end.ended!.resultVersion);
  assert.equal((await h.library.show(SKILL)).files['SKILL.md'], (await h.library.show(SKILL, h.v2)).files['SKILL.md']);
  assert.deepEqual(await h.library.listCandidates(), []);
  assert.deepEqual(h.heard, [`promoted ${SKILL} ${current.version}`]);

  const [status] = h.engine.status();
  assert.equal(status.canary.state, 'promoted');
  assert.deepEqual(status.looks.map((l) => [l.perArm, l.decision]), [[20, 'continue'], [40, 'promote']]);
  assert.equal(status.nextLookAt, undefined);
  assert.ok(status.current.samples >= 40 && status.candidate.samples >= 40);
  const sources = h.store.all<{ source: string; n: number }>('SELECT source, count(*) AS n FROM canary_assignments GROUP BY source');
  assert.deepEqual(sources.map((s) => s.source), ['observed'], 'every served session was confirmed by the version it loaded');
});

test('reversed, with arms read from the versions sessions loaded: the canary rolls back and keeps the reason', async (t) => {
  const h = await canaryHome(t);
  await h.engine.start(SKILL);
  const reviews = await runSessions(h, { v1: [9, 10], v2: [2, 5] }, { observed: true });
  const end = reviews.find((r) => r.ended)!;
  assert.equal(end.ended!.state, 'rolled-back');
  assert.match(end.ended!.reason, /^canary rolled back [0-9a-f]{7}: worse than [0-9a-f]{7}, P\(worse\) = [0-9.>]+ at 20 sessions per arm \(candidate 8\/20 vs current 18\/20 succeeded\)$/);

  const [current] = await h.library.list();
  assert.equal(current.version, h.v1, 'the current version stays');
  assert.deepEqual(await h.library.listCandidates(), []);
  const [rejection] = await h.library.rejections(SKILL);
  assert.equal(rejection.reason, end.ended!.reason);
  assert.equal(rejection.candidate, h.v2);
  assert.deepEqual(h.heard, [`rolled-back ${SKILL} ${h.v1} ${end.ended!.reason}`]);
});

test('equal versions end inconclusive at the last look, the candidate dropped with why', async (t) => {
  const h = await canaryHome(t, { settings: { maxSessionsPerArm: 20, looks: 2 } });
  await h.engine.start(SKILL);
  const reviews = await runSessions(h, { v1: [3, 4], v2: [3, 4] });
  const end = reviews.find((r) => r.ended)!;
  assert.equal(end.ended!.state, 'inconclusive');
  assert.match(end.ended!.reason, /no measurable improvement .* after 20 sessions per arm/);
  assert.equal((await h.library.rejections(SKILL))[0].reason, end.ended!.reason);
  assert.equal((await h.library.list())[0].version, h.v1);
});

test('serving keeps the arms at the share and gives a session the same answer twice', async (t) => {
  const h = await canaryHome(t, { settings: { share: 0.2 } });
  assert.equal(h.engine.assign(SKILL, 'claude-code:x'), undefined, 'no canary, nothing to assign');
  const c = await h.engine.start(SKILL);
  assert.equal(c.share, 0.2);
  const arms = Array.from({ length: 50 }, (_, i) => h.engine.assign(SKILL, `claude-code:s${i}`)!.arm);
  assert.equal(arms.filter((a) => a === 'candidate').length, 10);
  for (let i = 1; i <= 50; i++) {
    const candidates = arms.slice(0, i).filter((a) => a === 'candidate').length;
    assert.ok(Math.abs(candidates - 0.2 * i) < 1 + 1e-9, `after ${i} sessions: ${candidates} on the candidate`);
  }
  assert.deepEqual(h.engine.assign(SKILL, 'claude-code:s7'), { arm: arms[7], version: arms[7] === 'candidate' ? h.v2 : h.v1 });
});

test('what a session loaded beats what it was served; mixed sessions and sessions from before the canary do not count', async (t) => {
  const h = await canaryHome(t);
  ingestSession(h.store, scriptedSession('before', h.v1, 'success', T0 - HOUR), h.v1);
  await h.engine.start(SKILL);
  const served = h.engine.assign(SKILL, 'claude-code:flip')!;
  const other = served.arm === 'candidate' ? h.v1 : h.v2;
  ingestSession(h.store, scriptedSession('flip', other, 'success', T0 + 60_000), other);
  const mixed = scriptedSession('mixed', h.v1, 'success', T0 + 60_000);
  ingestSession(h.store, mixed, h.v1);
  h.store.run("INSERT INTO skill_uses (atom_id, session_key, skill, version, evidence) VALUES ('claude-code:mixed#9', 'claude-code:mixed', ?, ?, 'marker')", [SKILL, h.v2]);
  h.clock.now = T0 + 2 * HOUR;
  const [entry] = await h.engine.review();
  assert.equal(entry.observed, 1);
  const rows = h.store.all<{ session_key: string; arm: string; source: string }>('SELECT session_key, arm, source FROM canary_assignments ORDER BY session_key');
  assert.deepEqual(rows, [{ session_key: 'claude-code:flip', arm: served.arm === 'candidate' ? 'current' : 'candidate', source: 'observed' }]);
});

test('a sample, once taken, does not change when the session is scored again', async (t) => {
  const h = await canaryHome(t);
  await h.engine.start(SKILL);
  const { version } = h.engine.assign(SKILL, 'claude-code:one')!;
  ingestSession(h.store, scriptedSession('one', version, 'success', T0 + 60_000), version);
  h.clock.now = T0 + 2 * HOUR;
  await scorePendingUses(h.store, { now: h.clock.now });
  assert.equal((await h.engine.review())[0].sampled, 1);
  h.store.run("UPDATE atom_outcomes SET outcome = 'failure'");
  assert.equal((await h.engine.review())[0].sampled, 0);
  const [status] = h.engine.status();
  const arm = status.current.samples ? status.current : status.candidate;
  assert.deepEqual(arm, { sessions: 1, samples: 1, successes: 1 });
});

test('a canary that runs out of time before enough sessions expires, the candidate dropped with why', async (t) => {
  const h = await canaryHome(t, { settings: { expireAfterDays: 3 } });
  await h.engine.start(SKILL);
  await runSessions(h, { v1: [1, 2], v2: [1, 2] }, { max: 10 });
  assert.ok(h.engine.running(SKILL));
  h.clock.now = T0 + 3 * 24 * HOUR;
  const [entry] = await h.engine.review();
  assert.equal(entry.ended?.state, 'expired');
  assert.equal(entry.ended?.reason, 'canary expired after 3 days with 5 candidate and 5 current sessions scored (it plans up to 100 per arm)');
  assert.equal((await h.library.rejections(SKILL))[0].reason, entry.ended?.reason);
});

test('the user can promote or stop a running canary by hand', async (t) => {
  const h = await canaryHome(t);
  await h.engine.start(SKILL);
  const promoted = await h.engine.promote(SKILL);
  assert.deepEqual([promoted.state, promoted.reason], ['promoted', 'canary promoted by the user']);
  assert.equal((await h.library.list())[0].version, promoted.resultVersion);
  await assert.rejects(h.engine.promote(SKILL), /no canary is running for skill "release-notes"/);

  const h2 = await canaryHome(t);
  await h2.engine.start(SKILL);
  const stopped = await h2.engine.stop(SKILL, 'the wording is off');
  assert.deepEqual([stopped.state, stopped.reason], ['stopped', 'canary stopped by the user: the wording is off']);
  assert.equal((await h2.library.rejections(SKILL))[0].reason, 'canary stopped by the user: the wording is off');
  assert.equal(h2.heard.length, 1);
  assert.match(h2.heard[0], /^stopped release-notes [0-9a-f]{40} canary stopped by the user/);
});

test('a change to the skill during the canary (a hand edit) cancels it and leaves the library alone', async (t) => {
  const h = await canaryHome(t);
  await h.engine.start(SKILL);
  await h.library.update(SKILL, writeSkill(`${h.dir}/edited`, SKILL, 'Hand-edited notes procedure.'), 'hand edit');
  const [entry] = await h.engine.review();
  assert.equal(entry.ended?.state, 'cancelled');
  assert.match(entry.ended!.reason, /^canary cancelled: skill "release-notes" changed in the library during the canary/);
  assert.equal((await h.library.listCandidates()).length, 1, 'the candidate is left for the user');
  assert.equal(await h.engine.cancel(SKILL, 'again'), undefined);

  // recorded as a hand edit, the reason says so
  const h2 = await canaryHome(t);
  await h2.engine.start(SKILL);
  h2.clock.now += 60_000;
  const edited = await h2.library.update(SKILL, writeSkill(`${h2.dir}/edited`, SKILL, 'Hand-edited notes procedure.'), 'hand edit');
  recordHandEdit(h2.store, { skill: SKILL, version: edited.id, baseVersion: h2.v1, path: '/home/u/.claude/skills/release-notes', committedAt: new Date(h2.clock.now).toISOString() });
  const [byHand] = await h2.engine.review();
  assert.equal(byHand.ended?.reason, `canary cancelled: skill "release-notes" was edited by hand during the canary (version ${edited.id.slice(0, 7)})`);
  assert.deepEqual(h2.heard, [`cancelled ${SKILL} ${edited.id} ${byHand.ended?.reason}`], 'installs go to the user\'s version, not back to v1');
});

test('starting needs a candidate on top of the current version, and one canary per skill', async (t) => {
  const h = await canaryHome(t);
  await assert.rejects(h.engine.start('unknown'), /no candidate for skill "unknown"/);
  await h.library.add(writeSkill(`${h.dir}/new`, 'brand-new', 'New.'));
  await h.library.proposeCandidate('brand-new', writeSkill(`${h.dir}/new2`, 'brand-new', 'Newer.'), 'better');
  await h.library.update('brand-new', writeSkill(`${h.dir}/new3`, 'brand-new', 'Moved on.'), 'moved on');
  await assert.rejects(h.engine.start('brand-new'), /was proposed on an older version/);
  await h.engine.start(SKILL);
  await assert.rejects(h.engine.start(SKILL), /a canary for skill "release-notes" is already running/);
  await assert.rejects(h.engine.start(SKILL, { share: 1.5 }), (e: unknown) => {
    assert.equal(describeError(e), 'canary share: must be between 0 and 1 (exclusive), got 1.5');
    return true;
  });
});

test('a listener that fails does not undo the decision; it is reported', async (t) => {
  const h = await canaryHome(t);
  const notices: string[] = [];
  const engine = new CanaryEngine(h.store, h.library, {
    clock: () => h.clock.now,
    listener: { onPromoted: () => Promise.reject(new Error('disk full')) },
    onNotice: (m) => notices.push(m),
  });
  await engine.start(SKILL);
  const c = await engine.promote(SKILL);
  assert.equal(c.state, 'promoted');
  assert.deepEqual(notices, ['canary for "release-notes" ended (promoted) but updating the installs failed: disk full']);
});
