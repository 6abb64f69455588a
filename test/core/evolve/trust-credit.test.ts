import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evolve } from '../../../src/core/evolve/loop';
import { creditScoredSessions, SCORING_SOURCE } from '../../../src/core/evolve/outcome/credit-trust';
import { posteriorOf } from '../../../src/core/match/trust/posterior';
import { DEFAULT_TRUST_RULES, type TrustRules } from '../../../src/core/match/trust/levels';
import { TrustStore } from '../../../src/core/match/trust/trust-store';
import { agentTarget } from '../../../src/core/skills/install/agents';
import { installSkill, type InstallContext } from '../../../src/core/skills/install/install';
import { writeSkill } from '../skills/library/helpers';
import { canaryHome, ingestSession, scriptedSession, SKILL, T0 } from './canary/harness';

const DAY = 24 * 3_600_000;
const OTHER = 'lint-fixes';
/** Promotes sooner than the defaults, so the test shows the run's rules are the ones applied. */
const RULES: TrustRules = { ...DEFAULT_TRUST_RULES, promote: { minUses: 5, minLower: 0.5 }, demote: { minUses: 5, minLower: 0.4 } };

type Home = Awaited<ReturnType<typeof canaryHome>>;

/** `n` sessions that loaded `version` of SKILL, `good` of them going well and the rest ending in an error. */
function sessions(h: Home, prefix: string, version: string, n: number, good: number): void {
  for (let i = 0; i < n; i++) {
    const started = T0 + i * 60 * 60_000;
    ingestSession(h.store, scriptedSession(`${prefix}${i}`, version, i < good ? 'success' : 'error', started), version);
  }
}

function figures(trust: TrustStore, version: string) {
  const s = trust.state({ skill: SKILL, version });
  return { successes: s.successes, failures: s.failures, uses: s.uses, mean: s.mean, lower: s.lower, upper: s.upper, level: s.level };
}

async function setup(t: Parameters<typeof canaryHome>[0]) {
  const h = await canaryHome(t);
  const other = await h.library.add(writeSkill(join(h.dir, 'other'), OTHER, 'Fix the lint errors the CI reports.'));
  const install: InstallContext = { store: h.store, library: h.library, skillsmithHome: h.dir, userHome: mkdtempSync(join(tmpdir(), 'skillsmith-trust-home-')) };
  return { h, install, otherVersion: other.id };
}

test('scored sessions reach the trust of the version they used, once, with the run’s rules; unused skills get nothing', async (t) => {
  const { h, install, otherVersion } = await setup(t);
  sessions(h, 'a', h.v1, 8, 7);
  sessions(h, 'b', h.v2.slice(0, 7), 3, 1); // attribution knew only the short id of the candidate

  const first = await evolve(install, { now: () => T0 + 2 * DAY, trust: RULES, autoStartCanaries: false });
  assert.equal(first.scoring.scored, 11);
  assert.deepEqual(first.trust, { credited: 11, unresolved: 0 });

  const trust = new TrustStore(h.store, RULES);
  const v1 = figures(trust, h.v1);
  const expected = posteriorOf(7, 1);
  assert.deepEqual(v1, { successes: 7, failures: 1, uses: 8, mean: expected.mean, lower: expected.lower, upper: expected.upper, level: 'trusted' });
  assert.equal(new TrustStore(h.store).state({ skill: SKILL, version: h.v1 }).uses, 8);
  assert.equal(figures(new TrustStore(h.store), h.v1).level, 'trusted', 'the level the run’s rules set is stored');
  const v2 = figures(trust, h.v2);
  assert.deepEqual([v2.successes, v2.failures, v2.level], [1, 2, 'verified'], 'the short id was credited to the full version');
  assert.equal(trust.state({ skill: OTHER, version: otherVersion }).uses, 0, 'a skill no session used gets nothing');
  const rows = h.store.all<{ skill: string; source: string; session_key: string }>('SELECT skill, source, session_key FROM skill_outcomes');
  assert.equal(rows.length, 11);
  assert.ok(rows.every((r) => r.skill === SKILL && r.source === SCORING_SOURCE && r.session_key.startsWith('claude-code:')));

  const again = await evolve(install, { now: () => T0 + 3 * DAY, trust: RULES, autoStartCanaries: false });
  assert.deepEqual(again.trust, { credited: 0, unresolved: 0 });
  assert.deepEqual(figures(trust, h.v1), v1, 'a second run over the same sessions counts nothing twice');
  assert.deepEqual(figures(trust, h.v2), v2);
  assert.equal(h.store.get<{ n: number }>('SELECT count(*) AS n FROM skill_outcomes')!.n, 11);

  // the sessions are scored afresh (say, the scoring changed): trust still counts each once
  h.store.run('DELETE FROM atom_outcomes');
  const rescored = await evolve(install, { now: () => T0 + 4 * DAY, trust: RULES, autoStartCanaries: false });
  assert.equal(rescored.scoring.scored, 11);
  assert.equal(rescored.trust.credited, 0);
  assert.deepEqual(figures(trust, h.v1), v1);
});

test('a session that used two skills credits each with its own outcome, and only those two', async (t) => {
  const { h, install, otherVersion } = await setup(t);
  sessions(h, 'a', h.v1, 1, 0);
  const [use] = h.store.all<{ atom_id: string; session_key: string }>('SELECT atom_id, session_key FROM skill_uses');
  h.store.run("INSERT INTO skill_uses (atom_id, session_key, skill, version, evidence) VALUES (?, ?, ?, ?, 'marker')", [use.atom_id, use.session_key, OTHER, otherVersion]);
  await evolve(install, { now: () => T0 + 2 * DAY, autoStartCanaries: false });
  const trust = new TrustStore(h.store);
  assert.deepEqual([trust.state({ skill: SKILL, version: h.v1 }).failures, trust.state({ skill: OTHER, version: otherVersion }).failures], [1, 1]);
  assert.equal(trust.state({ skill: SKILL, version: h.v2 }).uses, 0, 'the candidate, not loaded, gets nothing');
});

test('outcomes that quarantine a version keep it out: its candidate gets no canary and is not installed', async (t) => {
  const { h, install } = await setup(t);
  await installSkill(install, { skill: SKILL, agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true });
  sessions(h, 'b', h.v2, 8, 0);
  const trust = new TrustStore(h.store);
  const withTrust: InstallContext = { ...install, isQuarantined: (skill, version) => trust.isQuarantined({ skill, version }) };
  const report = await evolve(withTrust, { now: () => T0 + 2 * DAY });
  assert.equal(figures(trust, h.v2).level, 'quarantined');
  assert.deepEqual(report.started, [], 'a quarantined candidate is not put into a canary');
  assert.equal(h.engine.running(SKILL), undefined);
  await assert.rejects(
    installSkill(withTrust, { skill: SKILL, version: h.v2, agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true }),
    /quarantined/,
  );
});

test('a session that names one version by its short id in one use and its full id in another counts once, and a failure wins', async (t) => {
  const { h } = await setup(t);
  const use = (atom: string, version: string, outcome: string) => {
    h.store.run('INSERT INTO skill_uses (atom_id, session_key, skill, version, evidence) VALUES (?, ?, ?, ?, ?)', [atom, 'claude-code:mixed', SKILL, version, 'marker']);
    h.store.run(
      `INSERT INTO atom_outcomes (atom_id, skill, session_key, atom_turn_end, version, outcome, rule, signals, scored_at) VALUES (?, ?, ?, 1, ?, ?, ?, '[]', ?)`,
      [atom, SKILL, 'claude-code:mixed', version, outcome, outcome === 'failure' ? 'tool-error' : 'clean-finish', new Date(T0).toISOString()],
    );
  };
  use('a1', h.v1.slice(0, 7), 'failure');
  use('a2', h.v1, 'success');
  const trust = new TrustStore(h.store);
  for (let run = 0; run < 3; run++) {
    const report = await creditScoredSessions(h.store, h.library, trust);
    assert.deepEqual(report, { credited: run === 0 ? 1 : 0, unresolved: 0 }, `run ${run}`);
    const s = trust.state({ skill: SKILL, version: h.v1 });
    assert.deepEqual([s.successes, s.failures], [0, 1], `run ${run}: one session, a failure`);
  }
});

test('a version the library does not hold is credited to nothing', async (t) => {
  const { h } = await setup(t);
  const unknown = 'f'.repeat(40);
  h.store.run('INSERT INTO skill_uses (atom_id, session_key, skill, version, evidence) VALUES (?, ?, ?, ?, ?)', ['x1', 'claude-code:x', SKILL, unknown, 'marker']);
  h.store.run(
    `INSERT INTO atom_outcomes (atom_id, skill, session_key, atom_turn_end, version, outcome, rule, signals, scored_at) VALUES ('x1', ?, 'claude-code:x', 1, ?, 'success', 'clean-finish', '[]', ?)`,
    [SKILL, unknown, new Date(T0).toISOString()],
  );
  assert.deepEqual(await creditScoredSessions(h.store, h.library, new TrustStore(h.store)), { credited: 0, unresolved: 1 });
});
