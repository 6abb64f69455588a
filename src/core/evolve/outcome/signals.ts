import type { Atom } from '../../distill/atoms/types';
import type { Trajectory } from '../../transcripts/model';
import { abandoned } from './abandonment';
import { revertedByCommand, undoRequested } from './reverts';
import type { ScoredSignals } from './types';

/** A session quiet for this long is taken to have ended (a live one may still be written to). */
export const SESSION_QUIET_MS = 30 * 60 * 1000;

export interface SignalContext {
  trajectory: Trajectory;
  atom: Atom;
  /** The atom after this one in the same session, if any. */
  next?: Atom;
  now: number;
}

/** The objective signals of an atom: its own, plus reverts and abandonment, which need the rest of the session. */
export function scoredSignals(c: SignalContext): ScoredSignals {
  const turns = c.trajectory.turns.slice(c.atom.turnStart, c.atom.turnEnd);
  return {
    ...c.atom.signals,
    reverted: revertedByCommand(c.atom.steps) || undoRequested(turns),
    abandoned: abandoned({
      atom: c.atom,
      turns,
      nextRequest: c.next?.request ?? nextUserText(c.trajectory, c.atom.turnEnd),
      sessionEnded: sessionEnded(c.trajectory, c.now),
    }),
  };
}

function nextUserText(t: Trajectory, from: number): string | undefined {
  return t.turns.slice(from).find((turn) => turn.role === 'user')?.text;
}

/** The last thing in the session happened at least SESSION_QUIET_MS before `now` (or the transcript has no times). */
export function sessionEnded(t: Trajectory, now: number): boolean {
  const last = lastTime(t);
  return last === undefined || now - last >= SESSION_QUIET_MS;
}

export function lastTime(t: Trajectory): number | undefined {
  const stamps = [t.endedAt, ...t.turns.map((turn) => turn.timestamp)].filter((s): s is string => typeof s === 'string').map(Date.parse).filter(Number.isFinite);
  return stamps.length ? Math.max(...stamps) : undefined;
}
