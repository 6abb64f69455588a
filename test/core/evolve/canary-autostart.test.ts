import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evolve, type EvolveReport } from '../../../src/core/evolve/loop';
import { agentTarget } from '../../../src/core/skills/install/agents';
import { installSkill, type InstallContext } from '../../../src/core/skills/install/install';
import { writeSkill } from '../skills/library/helpers';
import { canaryHome, ingestSession, outcomeAt, scriptedSession, SKILL, T0 } from './canary/harness';

const HOUR = 3_600_000;
/** Small enough that a clearly worse candidate is rolled back in a few rounds. */
const SMALL = { maxSessionsPerArm: 20, looks: 2 };

type Home = Awaited<ReturnType<typeof canaryHome>>;

function installedVersion(userHome: string): string {
  const text = readFileSync(join(userHome, '.claude', 'skills', SKILL, 'SKILL.md'), 'utf8');
  return /skillsmith-version: "?([0-9a-f]{40})/.exec(text)![1];
}

async function installed(h: Home, opts: { pinned?: boolean } = {}) {
  const userHome = mkdtempSync(join(tmpdir(), 'skillsmith-autostart-home-'));
  const install: InstallContext = { store: h.store, library: h.library, skillsmithHome: h.dir, userHome };
  await installSkill(install, { skill: SKILL, ...(opts.pinned ? { version: h.v1 } : {}), agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true });
  return { install, userHome };
}

/** Four sessions load whatever is installed now and go as `quality` says for that version. */
function sessionsOnInstalled(h: Home, userHome: string, round: number, quality: (version: string) => [number, number], loaded: Map<string, number>): string {
  const version = installedVersion(userHome);
  for (let k = 0; k < 4; k++) {
    const n = loaded.get(version) ?? 0;
    loaded.set(version, n + 1);
    const [good, of] = quality(version);
    ingestSession(h.store, scriptedSession(`r${round}-${k}`, version, outcomeAt(n, good, of), h.clock.now + (k + 1) * 60_000), version);
  }
  return version;
}

test('a candidate of an installed skill goes into a canary after the run; the installs serve both arms by turns', async (t) => {
  const h = await canaryHome(t);
  const { install, userHome } = await installed(h);
  // a draft of a new skill waits for review: there is nothing to compare it with
  await h.library.proposeCandidate('new-draft', writeSkill(join(h.dir, 'draft'), 'new-draft', 'Bump the version and tag the release.'), 'seen in 3 sessions');

  const first = await evolve(install, { now: () => h.clock.now });
  assert.deepEqual(first.started, [{ skill: SKILL, currentVersion: h.v1, candidateVersion: h.v2 }]);
  const canary = h.engine.running(SKILL)!;
  assert.deepEqual([canary.currentVersion, canary.candidateVersion, canary.share], [h.v1, h.v2, 0.5]);
  assert.equal(h.engine.running('new-draft'), undefined);
  assert.equal(first.serving.length, 1);
  assert.equal(installedVersion(userHome), first.serving[0].version, 'the install carries the arm it serves');

  const loaded = new Map<string, number>();
  const served: string[] = [];
  for (let round = 1; round <= 4; round++) {
    served.push(sessionsOnInstalled(h, userHome, round, () => [1, 1], loaded));
    h.clock.now = T0 + round * HOUR;
    const report = await evolve(install, { now: () => h.clock.now });
    assert.deepEqual(report.started, [], 'a running canary is not started again');
    assert.equal(installedVersion(userHome), report.serving[0].version);
  }
  assert.deepEqual(new Set(served), new Set([h.v1, h.v2]), 'both arms were installed in turn');
  const assignments = h.store.all<{ arm: string; version: string; n: number }>(
    'SELECT arm, version, count(*) AS n FROM canary_assignments WHERE canary_id = ? GROUP BY arm, version ORDER BY arm',
    [canary.id],
  );
  assert.deepEqual(
    assignments.map((a) => [a.arm, a.version]),
    [
      ['candidate', h.v2],
      ['current', h.v1],
    ],
    'each session’s arm is recorded from the version it loaded',
  );
  assert.equal(assignments.reduce((n, a) => n + a.n, 0), 16);
});

test('with auto-start off, or with no install that follows the library, no canary starts', async (t) => {
  const h = await canaryHome(t);
  const { install, userHome } = await installed(h);
  const off = await evolve(install, { now: () => h.clock.now, autoStartCanaries: false });
  assert.deepEqual([off.started, off.serving], [[], []]);
  assert.equal(h.engine.running(SKILL), undefined);
  assert.equal(installedVersion(userHome), h.v1);

  const pinned = await canaryHome(t);
  const p = await installed(pinned, { pinned: true });
  assert.deepEqual((await evolve(p.install, { now: () => pinned.clock.now })).started, [], 'a pinned install would never serve the candidate');

  const bare = await canaryHome(t);
  const notInstalled: InstallContext = { store: bare.store, library: bare.library, skillsmithHome: bare.dir, userHome: mkdtempSync(join(tmpdir(), 'skillsmith-autostart-home-')) };
  assert.deepEqual((await evolve(notInstalled, { now: () => bare.clock.now })).started, [], 'a skill installed nowhere gets no canary');
});

test('a canary that rolled back is not restarted for that candidate; a new candidate version starts one', async (t) => {
  const h = await canaryHome(t);
  const { install, userHome } = await installed(h);
  const loaded = new Map<string, number>();
  let report: EvolveReport = await evolve(install, { now: () => h.clock.now, canary: SMALL });
  assert.equal(report.started.length, 1);
  let ended: EvolveReport['reviews'][number]['ended'];
  for (let round = 1; round <= 40 && !ended; round++) {
    sessionsOnInstalled(h, userHome, round, (v) => (v === h.v2 ? [1, 5] : [9, 10]), loaded);
    h.clock.now = T0 + round * HOUR;
    report = await evolve(install, { now: () => h.clock.now, canary: SMALL });
    ended = report.reviews.find((r) => r.ended)?.ended;
  }
  assert.equal(ended?.state, 'rolled-back', JSON.stringify(ended));
  assert.deepEqual(report.started, [], 'not restarted in the run that rolled it back');
  assert.equal(installedVersion(userHome), h.v1, 'the installs went back to the current version');

  h.clock.now += HOUR;
  assert.deepEqual((await evolve(install, { now: () => h.clock.now, canary: SMALL })).started, []);

  const v3 = await h.library.proposeCandidate(SKILL, writeSkill(join(h.dir, 'v3'), SKILL, 'Write the notes from the merged pull requests; link each one.'), 'link the pull requests');
  h.clock.now += HOUR;
  const next = await evolve(install, { now: () => h.clock.now, canary: SMALL });
  assert.deepEqual(next.started, [{ skill: SKILL, currentVersion: h.v1, candidateVersion: v3.id }]);
});

test('a canary that ended while its candidate still waits is left to a person', async (t) => {
  const h = await canaryHome(t);
  const { install } = await installed(h);
  await evolve(install, { now: () => h.clock.now });
  await h.engine.cancel(SKILL, 'canary cancelled: checking by hand');
  assert.equal((await h.library.listCandidates())[0].version.id, h.v2, 'the candidate still waits');
  h.clock.now += HOUR;
  const report = await evolve(install, { now: () => h.clock.now });
  assert.deepEqual([report.started, report.serving], [[], []]);
  assert.equal(h.engine.running(SKILL), undefined);
});

test('a candidate its outcomes quarantine during the canary is served no more; the installs go back', async (t) => {
  const h = await canaryHome(t);
  const { install, userHome } = await installed(h);
  await evolve(install, { now: () => h.clock.now });
  for (let i = 0; i < 8; i++) ingestSession(h.store, scriptedSession(`bad${i}`, h.v2, 'error', h.clock.now + i * 60_000), h.v2);
  h.clock.now += 2 * HOUR;
  const report = await evolve(install, { now: () => h.clock.now });
  const [status] = h.engine.status();
  assert.equal(status.canary.state, 'cancelled');
  assert.match(status.canary.reason!, /^canary cancelled: candidate [0-9a-f]{7} is quarantined by its outcomes$/);
  assert.deepEqual([report.started, report.serving], [[], []]);
  assert.equal(installedVersion(userHome), h.v1);
  assert.equal((await h.library.listCandidates())[0].version.id, h.v2, 'the candidate waits for a person, with its record');
});
