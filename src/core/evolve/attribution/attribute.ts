import type { Atom } from '../../distill/atoms/types';
import { loadTrajectory } from '../../ingest/sessions';
import type { StateStore } from '../../store/database';
import type { SqlRunner } from '../../store/statements';
import type { Trajectory } from '../../transcripts/model';
import { skillUsesInCalls } from './find-uses';
import { replaceSessionUses, type SkillUseRow } from './store';

/** The skills each atom loaded, from the turns it covers. */
export function usesOfAtoms(t: Trajectory, atoms: readonly Pick<Atom, 'id' | 'sessionKey' | 'turnStart' | 'turnEnd'>[]): SkillUseRow[] {
  return atoms.flatMap((atom) => {
    const calls = t.turns.slice(atom.turnStart, atom.turnEnd).flatMap((turn) => turn.toolCalls);
    return skillUsesInCalls(calls).map((u) => ({ atomId: atom.id, sessionKey: atom.sessionKey, skill: u.skill, version: u.version ?? null, evidence: u.evidence }));
  });
}

/** Records the skill uses of one session's stored atoms (all of them: a re-split may have changed any). */
export function attributeSession(db: SqlRunner, t: Trajectory, sessionKey: string): SkillUseRow[] {
  const rows = usesOfAtoms(t, storedAtoms(db, sessionKey));
  replaceSessionUses(db, sessionKey, rows);
  return rows;
}

/** Attributes every session that has atoms; for a store whose atoms predate the skill_uses table. */
export async function attributeStoredSessions(store: StateStore): Promise<{ sessions: number; uses: number }> {
  const keys = store.all<{ session_key: string }>('SELECT DISTINCT session_key FROM atoms ORDER BY session_key').map((r) => r.session_key);
  let uses = 0;
  for (const key of keys) {
    const t = loadTrajectory(store, key);
    if (t) uses += store.transaction(() => attributeSession(store, t, key)).length;
  }
  await store.flush();
  return { sessions: keys.length, uses };
}

// The atoms table belongs to the distillation pipeline (distill/pipeline/state.ts); only the ranges are read here.
function storedAtoms(db: SqlRunner, sessionKey: string): Pick<Atom, 'id' | 'sessionKey' | 'turnStart' | 'turnEnd'>[] {
  return db
    .all<{ id: string; session_key: string; turn_start: number; turn_end: number }>(
      'SELECT id, session_key, turn_start, turn_end FROM atoms WHERE session_key = ? ORDER BY turn_start',
      [sessionKey],
    )
    .map((r) => ({ id: r.id, sessionKey: r.session_key, turnStart: Number(r.turn_start), turnEnd: Number(r.turn_end) }));
}
