import type { SqlRunner } from '../../store/statements';
import type { CanaryStore } from './store';
import type { Arm, Canary } from './types';
import { sameVersion } from './versions';

/**
 * Records the arm of every session that attribution saw load the skill at one of the canary's two versions
 * (`skill_uses`, from the version marker in the transcript). What a session loaded is the fact; a served
 * assignment it contradicts is corrected. Sessions that loaded both versions tell nothing and are left out,
 * and so are sessions on the current version that began before the canary (or whose start is unknown).
 */
export function observeArms(db: SqlRunner, canaries: CanaryStore, c: Canary): number {
  const rows = db.all<{ session_key: string; version: string; started_at: string | null }>(
    `SELECT u.session_key, u.version, s.started_at FROM skill_uses u LEFT JOIN sessions s ON s.key = u.session_key
     WHERE u.skill = ? AND u.version IS NOT NULL ORDER BY s.started_at, u.session_key`,
    [c.skill],
  );
  const bySession = new Map<string, { arms: Set<Arm>; startedAt: string | null }>();
  for (const r of rows) {
    const arm = armOf(c, r.version);
    if (!arm) continue;
    const entry = bySession.get(r.session_key) ?? { arms: new Set<Arm>(), startedAt: r.started_at };
    entry.arms.add(arm);
    bySession.set(r.session_key, entry);
  }
  const start = Date.parse(c.startedAt);
  let recorded = 0;
  for (const [sessionKey, { arms, startedAt }] of bySession) {
    if (arms.size !== 1) continue;
    const arm = [...arms][0];
    const began = startedAt === null ? NaN : Date.parse(startedAt);
    if (Number.isFinite(began) ? began < start : arm === 'current') continue;
    const known = canaries.assignment(c.id, sessionKey);
    if (known?.source === 'observed' && known.arm === arm) continue;
    if (known?.sampleSeq !== undefined) continue;
    canaries.saveAssignment({
      canaryId: c.id,
      sessionKey,
      arm,
      version: arm === 'candidate' ? c.candidateVersion : c.currentVersion,
      source: 'observed',
      assignedAt: Number.isFinite(began) ? new Date(began).toISOString() : new Date(start).toISOString(),
    });
    recorded++;
  }
  return recorded;
}

function armOf(c: Canary, version: string): Arm | undefined {
  if (sameVersion(version, c.candidateVersion)) return 'candidate';
  if (sameVersion(version, c.currentVersion)) return 'current';
  return undefined;
}
