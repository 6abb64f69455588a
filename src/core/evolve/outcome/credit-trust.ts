import type { Outcome, TrustStore } from '../../match/trust/trust-store';
import type { SkillLibrary } from '../../skills/library/library';
import type { SqlRunner } from '../../store/statements';

/** The source trust records for outcomes that came from scoring sessions. */
export const SCORING_SOURCE = 'session-scoring';

export interface TrustCreditReport {
  /** Session outcomes written to trust in this run (new ones, or ones a rescoring changed). */
  credited: number;
  /** Uses whose version is not a commit the library knows, so no version can be credited. */
  unresolved: number;
}

interface ScoredSession {
  session_key: string;
  skill: string;
  version: string;
  failed: number;
  succeeded: number;
  rules: string | null;
}

/**
 * Brings trust up to date with the scored skill uses. Each session counts once for each skill version it
 * loaded: a failure if any of its uses failed, a success if one succeeded and none failed. The session is
 * the key, so a rescored session replaces its outcome and a run over the same sessions changes nothing.
 * Uses without a known version credit nothing: trust is kept per version.
 */
export async function creditScoredSessions(db: SqlRunner, library: SkillLibrary, trust: TrustStore): Promise<TrustCreditReport> {
  const report: TrustCreditReport = { credited: 0, unresolved: 0 };
  const known = creditedOutcomes(db);
  for (const c of (await resolvedSessions(scoredSessions(db), versionResolver(library), report)).values()) {
    const outcome: Outcome | undefined = c.failed ? 'failure' : c.succeeded ? 'success' : undefined;
    if (!outcome || known.get(creditKey(c.skill, c.version, c.session_key)) === outcome) continue;
    const rules = [...c.rules].join(',');
    const reason = rules ? `scored ${outcome}: ${rules}` : undefined;
    trust.creditSession({ sessionKey: c.session_key, used: [{ skill: c.skill, version: c.version }], outcome, source: SCORING_SOURCE, ...(reason ? { reason } : {}) });
    report.credited++;
  }
  return report;
}

interface SessionCredit extends Omit<ScoredSession, 'rules'> {
  rules: Set<string>;
}

/**
 * The scored rows merged per session, skill and full version: one session may name a version by its short id
 * in one use and by its full id in another, and must still count once, a failure if any use failed.
 */
async function resolvedSessions(
  rows: ScoredSession[],
  resolve: (skill: string, version: string) => Promise<string | undefined>,
  report: TrustCreditReport,
): Promise<Map<string, SessionCredit>> {
  const merged = new Map<string, SessionCredit>();
  for (const row of rows) {
    const version = await resolve(row.skill, row.version);
    if (!version) {
      report.unresolved++;
      continue;
    }
    const key = creditKey(row.skill, version, row.session_key);
    const c = merged.get(key) ?? { session_key: row.session_key, skill: row.skill, version, failed: 0, succeeded: 0, rules: new Set<string>() };
    c.failed = Math.max(c.failed, row.failed);
    c.succeeded = Math.max(c.succeeded, row.succeeded);
    for (const rule of row.rules?.split(',') ?? []) if (rule) c.rules.add(rule);
    merged.set(key, c);
  }
  return merged;
}

/** Scored outcomes per session, skill and version, for uses attribution still counts. */
function scoredSessions(db: SqlRunner): ScoredSession[] {
  return db.all<ScoredSession>(
    `SELECT o.session_key, o.skill, o.version,
       MAX(o.outcome = 'failure') AS failed, MAX(o.outcome = 'success') AS succeeded,
       GROUP_CONCAT(DISTINCT CASE WHEN o.outcome != 'unknown' THEN o.rule END) AS rules
     FROM atom_outcomes o JOIN skill_uses u ON u.atom_id = o.atom_id AND u.skill = o.skill
     WHERE o.version IS NOT NULL
     GROUP BY o.session_key, o.skill, o.version
     ORDER BY o.session_key, o.skill, o.version`,
  );
}

function creditedOutcomes(db: SqlRunner): Map<string, Outcome> {
  const rows = db.all<{ skill: string; version: string; session_key: string; outcome: Outcome }>(
    'SELECT skill, version, session_key, outcome FROM skill_outcomes WHERE session_key IS NOT NULL AND source = ?',
    [SCORING_SOURCE],
  );
  return new Map(rows.map((r) => [creditKey(r.skill, r.version, r.session_key), r.outcome]));
}

function creditKey(skill: string, version: string, sessionKey: string): string {
  return `${skill}\0${version}\0${sessionKey}`;
}

/**
 * Full commit ids, as installs and quarantine checks name versions. Attribution may only know a short id
 * (from an `installed/<skill>@<short>` path); the library resolves it, once per run.
 */
function versionResolver(library: SkillLibrary): (skill: string, version: string) => Promise<string | undefined> {
  const cache = new Map<string, Promise<string | undefined>>();
  return (skill, version) => {
    const key = `${skill}\0${version}`;
    let found = cache.get(key);
    if (!found) {
      found = library.files(skill, version).then(
        (s) => s.version,
        () => undefined,
      );
      cache.set(key, found);
    }
    return found;
  };
}
