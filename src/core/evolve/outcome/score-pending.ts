import type { Atom } from '../../distill/atoms/types';
import { loadTrajectory } from '../../ingest/sessions';
import type { StateStore } from '../../store/database';
import { scoreAtom, type ScoreOptions } from './score-atom';
import { sessionEnded } from './signals';
import { OutcomeStore } from './store';

export interface ScoringReport {
  scored: number;
  /** Uses left for later because their session may still go on. */
  waiting: number;
  /** Uses whose atom or session is gone (one line each: what and why). */
  skipped: string[];
  judged: number;
  judgeFailures: number;
}

/**
 * Scores every skill use attribution recorded and nothing scored yet. Sessions still active are left for
 * a later run: abandonment and corrections can only be seen once the user has moved on.
 */
export async function scorePendingUses(store: StateStore, opts: ScoreOptions): Promise<ScoringReport> {
  const outcomes = new OutcomeStore(store);
  const report: ScoringReport = { scored: 0, waiting: 0, skipped: [], judged: 0, judgeFailures: 0 };
  const atomsBySession = new Map<string, Atom[]>();
  for (const use of outcomes.pendingUses()) {
    const trajectory = loadTrajectory(store, use.sessionKey);
    if (!trajectory) {
      report.skipped.push(`${use.atomId}: session ${use.sessionKey} is not in the store`);
      continue;
    }
    if (!sessionEnded(trajectory, opts.now)) {
      report.waiting++;
      continue;
    }
    const atoms = atomsBySession.get(use.sessionKey) ?? sessionAtoms(store, use.sessionKey);
    atomsBySession.set(use.sessionKey, atoms);
    const i = atoms.findIndex((a) => a.id === use.atomId);
    if (i < 0) {
      report.skipped.push(`${use.atomId}: no such atom (the session was split again)`);
      continue;
    }
    const score = await scoreAtom({ trajectory, atom: atoms[i], next: atoms[i + 1], skill: use.skill, version: use.version }, opts);
    outcomes.save(score, atoms[i].turnEnd, new Date(opts.now).toISOString());
    report.scored++;
    if (score.judge) report.judged++;
    if (score.judgeError) report.judgeFailures++;
  }
  return report;
}

function sessionAtoms(store: StateStore, sessionKey: string): Atom[] {
  return store
    .all<{ data: string }>('SELECT data FROM atoms WHERE session_key = ? ORDER BY turn_start', [sessionKey])
    .map((r) => JSON.parse(r.data) as Atom);
}
