import type { SqlRunner } from '../../store/statements';
import type { UseEvidence } from './find-uses';

/**
 * One row of `skill_uses`: atom `atomId` of session `sessionKey` loaded `skill`. The canary gate credits
 * arms from it: `version` is the commit id the agent saw (full from the marker, or a 7+ digit prefix from
 * an installed folder's name; compare by prefix), null when the transcript does not show one.
 */
export interface SkillUseRow {
  atomId: string;
  sessionKey: string;
  skill: string;
  version: string | null;
  evidence: UseEvidence;
}

/** Replaces everything recorded for a session: its atoms may have been re-split. */
export function replaceSessionUses(db: SqlRunner, sessionKey: string, rows: readonly SkillUseRow[]): void {
  db.run('DELETE FROM skill_uses WHERE session_key = ?', [sessionKey]);
  for (const r of rows) {
    db.run('INSERT OR REPLACE INTO skill_uses (atom_id, session_key, skill, version, evidence) VALUES (?, ?, ?, ?, ?)', [
      r.atomId,
      r.sessionKey,
      r.skill,
      r.version,
      r.evidence,
    ]);
  }
}

export interface SkillUseFilter {
  skill?: string;
  sessionKey?: string;
}

/** Recorded uses, by session and atom. */
export function skillUses(db: SqlRunner, filter: SkillUseFilter = {}): SkillUseRow[] {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.skill !== undefined) {
    where.push('skill = ?');
    params.push(filter.skill);
  }
  if (filter.sessionKey !== undefined) {
    where.push('session_key = ?');
    params.push(filter.sessionKey);
  }
  const sql = `SELECT atom_id, session_key, skill, version, evidence FROM skill_uses${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY session_key, atom_id, skill`;
  return db
    .all<{ atom_id: string; session_key: string; skill: string; version: string | null; evidence: UseEvidence }>(sql, params)
    .map((r) => ({ atomId: r.atom_id, sessionKey: r.session_key, skill: r.skill, version: r.version, evidence: r.evidence }));
}
