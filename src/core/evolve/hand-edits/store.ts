import type { SqlRunner } from '../../store/statements';

/**
 * A version that is a user's hand edit. The canary gate reads this table: a hand edit committed after a
 * canary of the same skill started ends that canary (user edits override an experiment).
 */
export interface HandEditRecord {
  skill: string;
  /** The commit that recorded the user's version. */
  version: string;
  /** The version the user edited; null when unknown. */
  baseVersion: string | null;
  /** Where the edit was made (an installed folder or the library's own folder). */
  path: string;
  committedAt: string;
}

export function recordHandEdit(db: SqlRunner, r: HandEditRecord): void {
  db.run('INSERT OR REPLACE INTO hand_edits (skill, version, base_version, path, committed_at) VALUES (?, ?, ?, ?, ?)', [
    r.skill,
    r.version,
    r.baseVersion,
    r.path,
    r.committedAt,
  ]);
}

/** Hand edits, newest first; of one skill when `skill` is given. */
export function handEdits(db: SqlRunner, skill?: string): HandEditRecord[] {
  const rows = db.all<{ skill: string; version: string; base_version: string | null; path: string; committed_at: string }>(
    skill
      ? 'SELECT skill, version, base_version, path, committed_at FROM hand_edits WHERE skill = ? ORDER BY committed_at DESC, version'
      : 'SELECT skill, version, base_version, path, committed_at FROM hand_edits ORDER BY committed_at DESC, skill, version',
    skill ? [skill] : [],
  );
  return rows.map((r) => ({ skill: r.skill, version: r.version, baseVersion: r.base_version, path: r.path, committedAt: r.committed_at }));
}

export function isHandEdit(db: SqlRunner, skill: string, version: string): boolean {
  return db.get('SELECT 1 AS x FROM hand_edits WHERE skill = ? AND version = ?', [skill, version]) !== undefined;
}
