import type { StateStore } from '../../store/database';
import type { Atom } from '../atoms/types';

/** How far the pipeline has taken a session. A killed run resumes from here. */
export type SessionStage = 'discovered' | 'split' | 'routed' | 'written';

export interface SessionProgress {
  sessionKey: string;
  stage: SessionStage;
  /** The session's turn count when it was last split. */
  splitTurns: number;
  /** The ingested content hash it was split at; a different hash means the session grew. */
  contentHash: string | null;
}

export interface EvidenceRow {
  atomId: string;
  skill: string;
  weight: number;
  kind: 'existing' | 'proposal';
  consumedBy: string | null;
}

export interface ProvenanceRow {
  skill: string;
  version: string;
  atomId: string;
  sessionKey: string;
}

/** The pipeline's tables (atoms, evidence, provenance, per-session stage), read and written in one place. */
export class PipelineState {
  constructor(private readonly store: StateStore) {}

  progress(sessionKey: string): SessionProgress | undefined {
    const row = this.store.get<{ session_key: string; stage: SessionStage; split_turns: number; content_hash: string | null }>(
      'SELECT session_key, stage, split_turns, content_hash FROM distill_sessions WHERE session_key = ?',
      [sessionKey],
    );
    return row && { sessionKey: row.session_key, stage: row.stage, splitTurns: row.split_turns, contentHash: row.content_hash };
  }

  setStage(sessionKey: string, stage: SessionStage, extra: { splitTurns?: number; contentHash?: string | null } = {}): void {
    const now = new Date().toISOString();
    const prev = this.progress(sessionKey);
    this.store.run(
      `INSERT INTO distill_sessions (session_key, stage, split_turns, content_hash, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(session_key) DO UPDATE SET stage = excluded.stage, split_turns = excluded.split_turns,
         content_hash = excluded.content_hash, updated_at = excluded.updated_at`,
      [sessionKey, stage, extra.splitTurns ?? prev?.splitTurns ?? 0, extra.contentHash ?? prev?.contentHash ?? null, now],
    );
  }

  /** Replaces a session's atoms from `fromTurn` on; earlier atoms (and their evidence) stay. */
  replaceAtoms(sessionKey: string, fromTurn: number, atoms: Atom[]): void {
    this.store.transaction(() => {
      const stale = this.store.all<{ id: string }>('SELECT id FROM atoms WHERE session_key = ? AND turn_start >= ?', [sessionKey, fromTurn]);
      for (const { id } of stale) this.store.run('DELETE FROM evidence WHERE atom_id = ? AND consumed_by IS NULL', [id]);
      this.store.run('DELETE FROM atoms WHERE session_key = ? AND turn_start >= ?', [sessionKey, fromTurn]);
      for (const a of atoms) {
        this.store.run('INSERT OR REPLACE INTO atoms (id, session_key, turn_start, turn_end, data, routed) VALUES (?, ?, ?, ?, ?, 0)', [
          a.id,
          a.sessionKey,
          a.turnStart,
          a.turnEnd,
          JSON.stringify(a),
        ]);
      }
    });
  }

  lastAtomStart(sessionKey: string): number | undefined {
    const row = this.store.get<{ t: number | null }>('SELECT MAX(turn_start) AS t FROM atoms WHERE session_key = ?', [sessionKey]);
    return row?.t ?? undefined;
  }

  unroutedAtoms(): Atom[] {
    return this.atomsWhere('routed = 0');
  }

  /** Routed atoms that no skill claimed: the material for new skills. */
  unclaimedAtoms(): Atom[] {
    return this.atomsWhere('routed = 1 AND id NOT IN (SELECT atom_id FROM evidence)');
  }

  atomsById(ids: readonly string[]): Atom[] {
    if (ids.length === 0) return [];
    return this.atomsWhere(`id IN (${ids.map(() => '?').join(',')})`, [...ids]);
  }

  /** Records routings and marks their atoms routed, in one transaction. */
  recordRoutings(routings: { atomId: string; skill?: string; weight: number }[]): void {
    const now = new Date().toISOString();
    this.store.transaction(() => {
      for (const r of routings) {
        if (r.skill) {
          this.store.run(
            `INSERT OR IGNORE INTO evidence (atom_id, skill, weight, kind, consumed_by, created_at) VALUES (?, ?, ?, 'existing', NULL, ?)`,
            [r.atomId, r.skill, r.weight, now],
          );
        }
        this.store.run('UPDATE atoms SET routed = 1 WHERE id = ?', [r.atomId]);
      }
    });
  }

  /** Evidence not yet used by a written version, grouped by skill. */
  pendingEvidence(): Map<string, EvidenceRow[]> {
    const rows = this.store.all<{ atom_id: string; skill: string; weight: number; kind: EvidenceRow['kind']; consumed_by: string | null }>(
      'SELECT atom_id, skill, weight, kind, consumed_by FROM evidence WHERE consumed_by IS NULL ORDER BY skill, atom_id',
    );
    const out = new Map<string, EvidenceRow[]>();
    for (const r of rows) {
      const list = out.get(r.skill) ?? [];
      list.push({ atomId: r.atom_id, skill: r.skill, weight: r.weight, kind: r.kind, consumedBy: r.consumed_by });
      out.set(r.skill, list);
    }
    return out;
  }

  /** All atoms that ever counted for a skill (consumed or not). */
  evidenceAtomIds(skill: string): string[] {
    return this.store.all<{ atom_id: string }>('SELECT atom_id FROM evidence WHERE skill = ? ORDER BY atom_id', [skill]).map((r) => r.atom_id);
  }

  /** Ties a written version to the atoms and sessions it came from and marks that evidence used. */
  recordVersion(skill: string, version: string, atoms: Atom[], kind: EvidenceRow['kind']): void {
    const now = new Date().toISOString();
    this.store.transaction(() => {
      for (const a of atoms) {
        this.store.run(
          `INSERT INTO evidence (atom_id, skill, weight, kind, consumed_by, created_at) VALUES (?, ?, 1, ?, ?, ?)
           ON CONFLICT(atom_id, skill) DO UPDATE SET consumed_by = excluded.consumed_by`,
          [a.id, skill, kind, version, now],
        );
        this.store.run('INSERT OR IGNORE INTO provenance (skill, version, atom_id, session_key) VALUES (?, ?, ?, ?)', [
          skill,
          version,
          a.id,
          a.sessionKey,
        ]);
      }
    });
  }

  /** Marks evidence as seen without a new version (the engine kept the skill as it is). */
  markConsumed(skill: string, atomIds: readonly string[], marker: string): void {
    this.store.transaction(() => {
      for (const id of atomIds) this.store.run('UPDATE evidence SET consumed_by = ? WHERE atom_id = ? AND skill = ?', [marker, id, skill]);
    });
  }

  provenance(skill: string, version?: string): ProvenanceRow[] {
    const rows = this.store.all<{ skill: string; version: string; atom_id: string; session_key: string }>(
      version
        ? 'SELECT skill, version, atom_id, session_key FROM provenance WHERE skill = ? AND version = ? ORDER BY session_key, atom_id'
        : 'SELECT skill, version, atom_id, session_key FROM provenance WHERE skill = ? ORDER BY version, session_key, atom_id',
      version ? [skill, version] : [skill],
    );
    return rows.map((r) => ({ skill: r.skill, version: r.version, atomId: r.atom_id, sessionKey: r.session_key }));
  }

  private atomsWhere(where: string, params: (string | number)[] = []): Atom[] {
    return this.store
      .all<{ data: string }>(`SELECT data FROM atoms WHERE ${where} ORDER BY id`, params)
      .map((r) => JSON.parse(r.data) as Atom);
  }
}
