import type { AtomOutcome } from '../../distill/atoms/types';
import type { SqlRunner } from '../../store/statements';
import type { AtomScore, OutcomeRule, ScoredSignals } from './types';

/** A row of `skill_uses` (written by attribution) that has no outcome yet. */
export interface PendingUse {
  atomId: string;
  sessionKey: string;
  skill: string;
  version?: string;
}

interface OutcomeRow {
  atom_id: string;
  skill: string;
  session_key: string;
  version: string | null;
  outcome: AtomOutcome;
  rule: OutcomeRule;
  signals: string;
  judge_score: number | null;
  judge_reason: string | null;
  judge_model: string | null;
  judge_error: string | null;
}

/** The `atom_outcomes` table: one scored outcome per atom and skill it used. */
export class OutcomeStore {
  constructor(private readonly db: SqlRunner) {}

  /** Skill uses not scored yet, or scored before their atom grew (a resumed session), oldest session first. */
  pendingUses(): PendingUse[] {
    return this.db
      .all<{ atom_id: string; session_key: string; skill: string; version: string | null }>(
        `SELECT u.atom_id, u.session_key, u.skill, u.version FROM skill_uses u
         LEFT JOIN atom_outcomes o ON o.atom_id = u.atom_id AND o.skill = u.skill
         LEFT JOIN atoms a ON a.id = u.atom_id
         WHERE o.atom_id IS NULL OR (a.turn_end IS NOT NULL AND a.turn_end != o.atom_turn_end)
         ORDER BY u.session_key, u.atom_id, u.skill`,
      )
      .map((r) => ({ atomId: r.atom_id, sessionKey: r.session_key, skill: r.skill, ...(r.version ? { version: r.version } : {}) }));
  }

  /** `atomTurnEnd`: where the atom ended when scored, so a grown atom is scored again. */
  save(score: AtomScore, atomTurnEnd: number, scoredAt: string): void {
    this.db.run(
      `INSERT OR REPLACE INTO atom_outcomes (atom_id, skill, session_key, atom_turn_end, version, outcome, rule, signals, judge_score,
         judge_reason, judge_model, judge_error, scored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        score.atomId,
        score.skill,
        score.sessionKey,
        atomTurnEnd,
        score.version ?? null,
        score.outcome,
        score.rule,
        JSON.stringify(score.signals),
        score.judge?.score ?? null,
        score.judge?.reason ?? null,
        score.judge?.model ?? null,
        score.judgeError ?? null,
        scoredAt,
      ],
    );
  }

  /** The scored atoms of a session that still count as uses of `skill` (attribution may have re-split it). */
  forSession(sessionKey: string, skill: string): AtomScore[] {
    return this.db
      .all<OutcomeRow>(
        `SELECT o.* FROM atom_outcomes o JOIN skill_uses u ON u.atom_id = o.atom_id AND u.skill = o.skill
         WHERE o.session_key = ? AND o.skill = ? ORDER BY o.atom_id`,
        [sessionKey, skill],
      )
      .map(toScore);
  }

  /**
   * How a session went for a skill: a failure if any atom that used the skill failed, a success if at least
   * one succeeded and none failed, undefined when no atom gave evidence either way.
   */
  sessionOutcome(sessionKey: string, skill: string): 'success' | 'failure' | undefined {
    const outcomes = this.forSession(sessionKey, skill).map((s) => s.outcome);
    if (outcomes.includes('failure')) return 'failure';
    return outcomes.includes('success') ? 'success' : undefined;
  }
}

function toScore(r: OutcomeRow): AtomScore {
  const score: AtomScore = {
    atomId: r.atom_id,
    sessionKey: r.session_key,
    skill: r.skill,
    signals: JSON.parse(r.signals) as ScoredSignals,
    outcome: r.outcome,
    rule: r.rule,
  };
  if (r.version) score.version = r.version;
  if (r.judge_score !== null) score.judge = { score: r.judge_score, reason: r.judge_reason ?? '', model: r.judge_model ?? '' };
  if (r.judge_error) score.judgeError = r.judge_error;
  return score;
}
