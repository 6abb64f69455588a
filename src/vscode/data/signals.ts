import { canaryStatuses, type CanaryStatus } from '../../core/evolve/canary';
import { TrustStore } from '../../core/match/trust/trust-store';
import { listInstallRecords } from '../../core/skills/install/records';
import type { SqlRunner } from '../../core/store/statements';
import type { CanaryLook, CanaryView, InstallView, TrustView } from '../../../webview/protocol';
import type { SkillSignals } from '../model/tree-model';

/** Sessions that used each skill: attributed uses, and the skills agents loaded in the pipeline's atoms. */
export function skillUses(db: SqlRunner): Map<string, number> {
  const rows = db.all<{ skill: string | null; sessions: number }>(
    `SELECT skill, COUNT(DISTINCT session_key) AS sessions FROM (
        SELECT skill, session_key FROM skill_uses
        UNION SELECT json_extract(u.value, '$.name'), a.session_key FROM atoms a, json_each(a.data, '$.usedSkills') u
      ) GROUP BY skill`,
  );
  return new Map(rows.filter((r) => typeof r.skill === 'string').map((r) => [r.skill as string, Number(r.sessions)]));
}

/** Trust of the given versions that have any record (a version nobody scored has nothing to show). */
export function trustOf(db: SqlRunner, current: ReadonlyMap<string, string>): Map<string, TrustView> {
  const recorded = db.all<{ skill: string; version: string }>(
    `SELECT skill, version FROM skill_outcomes UNION SELECT skill, version FROM skill_trust UNION SELECT skill, version FROM skill_quarantine`,
  );
  const store = new TrustStore(db);
  const out = new Map<string, TrustView>();
  for (const { skill, version } of recorded) {
    if (current.get(skill) !== version) continue;
    const t = store.state({ skill, version });
    out.set(skill, { level: t.level, reason: t.reason, successes: t.successes, failures: t.failures, mean: t.mean, lower: t.lower });
  }
  return out;
}

/** The latest canary of each skill, as the views show it. */
export function canaries(db: SqlRunner): Map<string, CanaryView> {
  const out = new Map<string, CanaryView>();
  for (const s of canaryStatuses(db)) if (!out.has(s.canary.skill)) out.set(s.canary.skill, canaryView(s)); // newest first
  return out;
}

export function canaryView(s: CanaryStatus): CanaryView {
  const c = s.canary;
  const looks: CanaryLook[] = s.looks.map((l) => ({
    at: l.takenAt,
    current: { successes: l.currentSuccesses, trials: l.perArm },
    candidate: { successes: l.candidateSuccesses, trials: l.perArm },
  }));
  const last = looks[looks.length - 1];
  // the tallies since the last look, so a running canary's chart reaches today
  if (s.current.samples + s.candidate.samples > (last ? last.current.trials + last.candidate.trials : 0)) {
    looks.push({ at: c.endedAt ?? new Date().toISOString(), current: { successes: s.current.successes, trials: s.current.samples }, candidate: { successes: s.candidate.successes, trials: s.candidate.samples } });
  }
  return {
    status: c.state,
    current: c.currentVersion,
    candidate: c.candidateVersion,
    share: c.share,
    startedAt: c.startedAt,
    ...(c.endedAt ? { decidedAt: c.endedAt } : {}),
    ...(c.reason ? { reason: c.reason } : {}),
    looks,
  };
}

export function installsOf(db: SqlRunner, skill: string): InstallView[] {
  return listInstallRecords(db, skill).map((r) => ({ agent: r.agent, scope: r.scope, path: r.path, version: r.version, mode: r.method, pinned: r.pinned }));
}

/** Everything the tree shows beyond the library, from an open (read-only) state store. */
export function loadSignals(db: SqlRunner | undefined, current: ReadonlyMap<string, string> = new Map()): SkillSignals {
  if (!db) return { trust: new Map(), canary: new Map(), uses: new Map() };
  return { trust: trustOf(db, current), canary: canaries(db), uses: skillUses(db) };
}
