import type { StateStore } from '../../store/database';
import type { Atom } from '../atoms/types';
import type { Decline, DeclinedGroup } from '../declines';

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

  /**
   * Replaces a session's atoms from `fromTurn` on; earlier atoms (and their evidence) stay. A routed atom
   * that comes back as the same slice of the session (same turns, request and steps) keeps its routing and
   * evidence: a session that grew asks to route only what is new.
   */
  replaceAtoms(sessionKey: string, fromTurn: number, atoms: Atom[]): void {
    this.store.transaction(() => {
      const stale = this.store.all<{ id: string; data: string; routed: number }>(
        'SELECT id, data, routed FROM atoms WHERE session_key = ? AND turn_start >= ?',
        [sessionKey, fromTurn],
      );
      const fresh = new Map(atoms.map((a) => [a.id, a]));
      const stillRouted = new Set(stale.filter((old) => old.routed === 1 && sameSlice(JSON.parse(old.data) as Atom, fresh.get(old.id))).map((old) => old.id));
      for (const { id } of stale) {
        if (!stillRouted.has(id)) this.store.run('DELETE FROM evidence WHERE atom_id = ? AND consumed_by IS NULL', [id]);
      }
      this.store.run('DELETE FROM atoms WHERE session_key = ? AND turn_start >= ?', [sessionKey, fromTurn]);
      for (const a of atoms) {
        this.store.run('INSERT OR REPLACE INTO atoms (id, session_key, turn_start, turn_end, data, routed) VALUES (?, ?, ?, ?, ?, ?)', [
          a.id,
          a.sessionKey,
          a.turnStart,
          a.turnEnd,
          JSON.stringify(a),
          stillRouted.has(a.id) ? 1 : 0,
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
      this.advanceRoutedSessions();
    });
  }

  /**
   * Moves every split session whose atoms are all routed to `routed`. The stage follows from the atoms,
   * not from which run routed them, so a run killed after routing (or one that finds nothing left to
   * route) still hands those sessions on to writing.
   */
  advanceRoutedSessions(): void {
    this.store.run(
      `UPDATE distill_sessions SET stage = 'routed', updated_at = ?
       WHERE stage = 'split' AND NOT EXISTS (SELECT 1 FROM atoms WHERE atoms.session_key = distill_sessions.session_key AND atoms.routed = 0)`,
      [new Date().toISOString()],
    );
  }

  /** Whether any version of `skill` has its provenance recorded (a finished run wrote it). */
  hasProvenance(skill: string, version: string): boolean {
    return this.store.get('SELECT 1 AS x FROM provenance WHERE skill = ? AND version = ? LIMIT 1', [skill, version]) !== undefined;
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

  /** Groups declined on earlier runs, oldest first. */
  declinedGroups(): DeclinedGroup[] {
    const groups = this.store.all<{ id: number; reason: string; declined_by: string; declined_at: string }>(
      'SELECT id, reason, declined_by, declined_at FROM declined_groups ORDER BY id',
    );
    const members = this.store.all<{ group_id: number; atom_id: string; session_key: string }>(
      'SELECT group_id, atom_id, session_key FROM declined_group_atoms ORDER BY group_id, atom_id',
    );
    const atomsOf = new Map<number, DeclinedGroup['atoms']>();
    for (const m of members) atomsOf.set(m.group_id, [...(atomsOf.get(m.group_id) ?? []), { id: m.atom_id, sessionKey: m.session_key }]);
    return groups.map((g) => ({ atoms: atomsOf.get(g.id) ?? [], reason: g.reason, by: g.declined_by, declinedAt: g.declined_at }));
  }

  /** Remembers a decline; earlier declines of a part of the same group are replaced by it. */
  recordDecline(decline: Decline): void {
    const now = new Date().toISOString();
    const ids = new Set(decline.atoms.map((a) => a.id));
    this.store.transaction(() => {
      for (const old of this.store.all<{ id: number }>('SELECT id FROM declined_groups')) {
        const oldAtoms = this.store.all<{ atom_id: string }>('SELECT atom_id FROM declined_group_atoms WHERE group_id = ?', [old.id]);
        if (!oldAtoms.every((a) => ids.has(a.atom_id))) continue;
        this.store.run('DELETE FROM declined_group_atoms WHERE group_id = ?', [old.id]);
        this.store.run('DELETE FROM declined_groups WHERE id = ?', [old.id]);
      }
      this.store.run('INSERT INTO declined_groups (reason, declined_by, declined_at) VALUES (?, ?, ?)', [decline.reason, decline.by, now]);
      const id = this.store.get<{ id: number }>('SELECT last_insert_rowid() AS id')!.id;
      for (const a of decline.atoms) {
        this.store.run('INSERT OR IGNORE INTO declined_group_atoms (group_id, atom_id, session_key) VALUES (?, ?, ?)', [id, a.id, a.sessionKey]);
      }
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

/** The same work in the same turns: what routing judged is unchanged, whatever words a re-split chose. */
function sameSlice(old: Atom, next: Atom | undefined): boolean {
  return (
    next !== undefined &&
    old.turnStart === next.turnStart &&
    old.turnEnd === next.turnEnd &&
    old.request === next.request &&
    JSON.stringify(old.steps) === JSON.stringify(next.steps)
  );
}
