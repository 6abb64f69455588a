import { listSessions, loadTrajectory } from '../ingest/sessions';
import type { SqlRunner } from '../store/statements';
import { hindsight } from './hindsight';
import { requestsOf, type EvalRequest } from './requests';
import type { EvalSkill } from './skills';

/** One version's hindsight score on a set of requests, matched against that skill alone. */
export interface VersionScore {
  /** Mean F1 over the requests that ran a command (a request the skill does not match scores 0). */
  f1: number;
  recall: number;
  precision: number;
  /** Requests the version matched. */
  matched: number;
}

/** Current and candidate version of one skill, scored on the same recent requests. */
export interface VersionComparison {
  current: VersionScore;
  candidate: VersionScore;
  /** Requests scored (those of the recent sessions that ran a command). */
  requests: number;
  sessions: number;
}

/** How many of the most recent sessions the comparison reads by default: enough to see a skill's kind of work, cheap to split. */
export const RECENT_SESSIONS = 30;

/**
 * Scores two versions of one skill on the requests of the store's most recent sessions, leaving out the
 * sessions the candidate was written from (a version scored on its own evidence would be favoured). Each
 * request is matched against that one skill with the product's matcher; what the matched version names
 * is scored as `skillsmith eval` scores skills. Offline and cheap: no model, no distillation.
 */
export function compareVersions(
  db: SqlRunner,
  current: EvalSkill,
  candidate: EvalSkill,
  opts: { recentSessions?: number; exclude?: ReadonlySet<string> } = {},
): VersionComparison {
  const requests = recentRequests(db, opts.recentSessions ?? RECENT_SESSIONS, opts.exclude ?? new Set());
  const scored = requests.requests.filter((r) => r.succeeded.length > 0).length;
  return { current: scoreVersion(current, requests.requests), candidate: scoreVersion(candidate, requests.requests), requests: scored, sessions: requests.sessions };
}

/** The sessions the candidate version was written from, by key (provenance recorded at distillation). */
export function evidenceSessions(db: SqlRunner, skill: string, version: string): Set<string> {
  return new Set(db.all<{ session_key: string }>('SELECT DISTINCT session_key FROM provenance WHERE skill = ? AND version = ?', [skill, version]).map((r) => r.session_key));
}

function scoreVersion(skill: EvalSkill, requests: readonly EvalRequest[]): VersionScore {
  const h = hindsight([skill], [], requests, { k: 1 });
  const s = h.methods.skills;
  return { f1: s.f1.mean, recall: s.recall.mean, precision: s.precision.mean, matched: h.requests.filter((r) => r.skills.length > 0).length };
}

function recentRequests(db: SqlRunner, limit: number, exclude: ReadonlySet<string>): { requests: EvalRequest[]; sessions: number } {
  const recent = listSessions(db, { skipMissing: false })
    .filter((s) => s.startedAt !== undefined && !exclude.has(s.key))
    .slice(-limit);
  const requests: EvalRequest[] = [];
  for (const s of recent) {
    const t = loadTrajectory(db, s.key);
    if (t) requests.push(...requestsOf(t));
  }
  return { requests, sessions: recent.length };
}
