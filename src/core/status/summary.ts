import type { SkillLibrary } from '../skills/library/library';
import type { SqlRunner } from '../store/statements';

/** What a person needs to know about a home to act on it: what is there, what waits for them, what is wrong. */
export interface HomeSummary {
  sessions: { total: number; bySource: Record<string, number>; filesGone: number; filesUnreadable: number };
  /** Per session stage of the pipeline: how many were split, wait to be routed or written, or are done. */
  distill: Record<string, number>;
  skills: {
    /** In the library and not quarantined. */
    active: number;
    /** New skills awaiting review (a candidate branch, nothing in the library yet). */
    draft: number;
    /** New versions of library skills awaiting review, not in a canary. */
    candidate: number;
    /** Candidates being tried against the current version on a share of sessions. */
    canary: number;
    /** Skills with a version the scanner or the outcomes quarantined. */
    quarantined: number;
  };
  canaries: string[];
  /** ISO times of the last ingest and the last distill step, when there was one. */
  lastIngest?: string;
  lastDistill?: string;
}

/** Reads the summary from the state (and the library, when there is one). Reads only: nothing is created. */
export async function homeSummary(db: SqlRunner, library: SkillLibrary | undefined): Promise<HomeSummary> {
  const count = (sql: string) => Number(db.get<{ n: number }>(sql)?.n ?? 0);
  const bySource = Object.fromEntries(db.all<{ source: string; n: number }>('SELECT source, COUNT(*) AS n FROM sessions GROUP BY source ORDER BY source').map((r) => [r.source, Number(r.n)]));
  const distill = Object.fromEntries(db.all<{ stage: string; n: number }>('SELECT stage, COUNT(*) AS n FROM distill_sessions GROUP BY stage ORDER BY stage').map((r) => [r.stage, Number(r.n)]));
  const canaries = db.all<{ skill: string }>("SELECT skill FROM canaries WHERE state = 'running' ORDER BY skill").map((r) => r.skill);
  const quarantined = new Set([
    ...db.all<{ skill: string }>('SELECT DISTINCT skill FROM skill_quarantine WHERE released_at IS NULL').map((r) => r.skill),
    ...db.all<{ skill: string }>("SELECT DISTINCT skill FROM skill_trust WHERE level = 'quarantined'").map((r) => r.skill),
  ]);
  const inLibrary = library ? (await library.list()).map((s) => s.name) : [];
  const candidates = library ? await library.listCandidates() : [];
  const known = new Set(inLibrary);
  const inCanary = new Set(canaries);
  const latest = (sql: string) => db.get<{ t: string | null }>(sql)?.t ?? undefined;
  return {
    sessions: {
      total: count('SELECT COUNT(*) AS n FROM sessions'),
      bySource,
      filesGone: count("SELECT COUNT(*) AS n FROM ingest_files WHERE status = 'missing'"),
      filesUnreadable: count("SELECT COUNT(*) AS n FROM ingest_files WHERE status = 'failed'"),
    },
    distill,
    skills: {
      active: inLibrary.filter((name) => !quarantined.has(name)).length,
      draft: candidates.filter((c) => !known.has(c.name)).length,
      candidate: candidates.filter((c) => known.has(c.name) && !inCanary.has(c.name)).length,
      canary: canaries.length,
      quarantined: quarantined.size,
    },
    canaries,
    lastIngest: latest('SELECT MAX(updated_at) AS t FROM ingest_files'),
    lastDistill: latest('SELECT MAX(updated_at) AS t FROM distill_sessions'),
  };
}
