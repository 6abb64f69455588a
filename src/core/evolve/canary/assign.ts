import { createHash } from 'node:crypto';
import type { Arm } from './types';

/**
 * The arm for the next session served: keeps the candidate's count within one session of `share × total`
 * (so few sessions never leave an arm empty, the stall xskill hit with hashed clients), and breaks the
 * in-between case with a hash of the canary and session, so the choice is reproducible.
 */
export function chooseArm(canaryId: number, sessionKey: string, share: number, counts: { current: number; candidate: number }): Arm {
  const deficit = share * (counts.current + counts.candidate + 1) - counts.candidate;
  if (deficit >= 1) return 'candidate';
  if (deficit <= 0) return 'current';
  return unitHash(`${canaryId}:${sessionKey}`) < deficit ? 'candidate' : 'current';
}

/** A number in [0, 1) from the text's sha256. */
export function unitHash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}
