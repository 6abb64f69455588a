import type { SqlRunner } from '../../store/statements';

/** The hindsight gate's verdict on one candidate version. */
export interface HindsightCheck {
  skill: string;
  candidateVersion: string;
  currentVersion: string;
  currentScore: number;
  candidateScore: number;
  /** Recent requests the two versions were scored on. */
  requests: number;
  verdict: 'passed' | 'held';
  reason: string;
  checkedAt: string;
}

interface Row {
  skill: string;
  candidate_version: string;
  current_version: string;
  current_score: number;
  candidate_score: number;
  requests: number;
  verdict: 'passed' | 'held';
  reason: string;
  checked_at: string;
}

/** Verdicts of the hindsight gate, one per candidate version, kept so a held candidate shows why it waits. */
export class HindsightChecks {
  constructor(private readonly db: SqlRunner) {}

  record(c: HindsightCheck): void {
    this.db.run(
      `INSERT OR REPLACE INTO hindsight_checks (skill, candidate_version, current_version, current_score, candidate_score, requests, verdict, reason, checked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [c.skill, c.candidateVersion, c.currentVersion, c.currentScore, c.candidateScore, c.requests, c.verdict, c.reason, c.checkedAt],
    );
  }

  get(skill: string, candidateVersion: string): HindsightCheck | undefined {
    const row = this.db.get<Row>('SELECT * FROM hindsight_checks WHERE skill = ? AND candidate_version = ?', [skill, candidateVersion]);
    return row ? fromRow(row) : undefined;
  }

  /** Every check, newest first. */
  all(): HindsightCheck[] {
    return this.db.all<Row>('SELECT * FROM hindsight_checks ORDER BY checked_at DESC, skill').map(fromRow);
  }
}

function fromRow(r: Row): HindsightCheck {
  return {
    skill: r.skill,
    candidateVersion: r.candidate_version,
    currentVersion: r.current_version,
    currentScore: Number(r.current_score),
    candidateScore: Number(r.candidate_score),
    requests: Number(r.requests),
    verdict: r.verdict,
    reason: r.reason,
    checkedAt: r.checked_at,
  };
}

/**
 * The candidates the hindsight gate held that still wait: the check's candidate is still the skill's
 * candidate and no canary was started for it since (by hand).
 */
export function waitingAfterHindsight(db: SqlRunner, candidates: ReadonlyArray<{ name: string; version: { id: string } }>): HindsightCheck[] {
  const tips = new Map(candidates.map((c) => [c.name, c.version.id]));
  const canaried = new Set(db.all<{ skill: string; candidate_version: string }>('SELECT skill, candidate_version FROM canaries').map((r) => `${r.skill}\u0000${r.candidate_version}`));
  return new HindsightChecks(db)
    .all()
    .filter((c) => c.verdict === 'held' && tips.get(c.skill) === c.candidateVersion && !canaried.has(`${c.skill}\u0000${c.candidateVersion}`));
}
