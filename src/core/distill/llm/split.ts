import { createHash } from 'node:crypto';
import type { Trajectory } from '../../transcripts/model';
import type { Atom } from '../atoms/types';
import { buildAtom, sessionKeyOf, splitTrajectory } from '../split/heuristic';
import { isUnusableReply, type StageContext } from './context';
import { askSplit, type SplitPart, type Start } from './split-request';
import { splitWindows, type SplitWindow } from './windows';

/** A session to split from a turn on (the start of its last atom when it grew, else 0). */
export interface SplitJob {
  trajectory: Trajectory;
  fromTurn: number;
}

/**
 * Splits a session with the model, window by window over its whole length. The model only chooses at
 * which shown user turns new requests start and words them; the atoms themselves (turn ranges, steps,
 * signals, outcome, ids `<sessionKey>#<turnStart>`) are built from the transcript exactly as the heuristic
 * split builds them, so a model can never invent a step or an outcome.
 */
export async function splitWithModel(ctx: StageContext, t: Trajectory, fromTurn: number): Promise<Atom[]> {
  const windows = splitWindows(t, fromTurn, ctx.options.windowTokens);
  const starts: Start[] = [];
  for (const [k, w] of windows.entries()) {
    const previous = starts[starts.length - 1];
    // The first request of a session (or of a re-split) starts where it starts: nothing to ask.
    if (!previous && w.userTurns.length === 1) {
      starts.push({ turn: w.userTurns[0] });
      continue;
    }
    const part: SplitPart = { trajectory: t, window: w, position: windows.length > 1 ? `part ${k + 1} of ${windows.length}` : 'whole', previous };
    try {
      starts.push(...(await askSplit(ctx, [part]))[0]);
    } catch (e) {
      if (!isUnusableReply(e)) throw e;
      ctx.problem(`session ${sessionKeyOf(t)}: the model's split of turns ${w.start}-${w.end - 1} was unusable (${e.reason}); split those turns by the heuristic instead`);
      starts.push(...heuristicStarts(t, w, fromTurn));
    }
  }
  return atomsFrom(t, starts);
}

/**
 * Short sessions that each need a decision (two or more requests, one window) share calls, as many as fit
 * one window's budget: a split call's fixed part (instructions and answer schema) costs about as much as a
 * short session, so asking once per session would spend most tokens on the frame. Jobs are read lazily
 * and each batch is asked as soon as it is full, so only one batch of sessions is held at a time. Returns
 * atoms by `splitKey`; a session left out (long, single-request, or in a batch whose answer was unusable)
 * is split on its own later.
 */
export async function splitShortSessions(ctx: StageContext, jobs: Iterable<SplitJob>): Promise<Map<string, Atom[]>> {
  const out = new Map<string, Atom[]>();
  let batch: { job: SplitJob; window: SplitWindow }[] = [];
  let tokens = 0;
  const flush = async () => {
    if (batch.length >= 2) await askBatch(ctx, batch, out);
    batch = [];
    tokens = 0;
  };
  for (const job of jobs) {
    const windows = splitWindows(job.trajectory, job.fromTurn, ctx.options.windowTokens);
    if (windows.length !== 1 || windows[0].userTurns.length < 2) continue;
    if (tokens + windows[0].tokens > ctx.options.windowTokens) await flush();
    batch.push({ job, window: windows[0] });
    tokens += windows[0].tokens;
  }
  await flush();
  return out;
}

async function askBatch(ctx: StageContext, batch: { job: SplitJob; window: SplitWindow }[], out: Map<string, Atom[]>): Promise<void> {
  const parts: SplitPart[] = batch.map((b) => ({ trajectory: b.job.trajectory, window: b.window, position: 'whole' }));
  try {
    const starts = await askSplit(ctx, parts);
    batch.forEach((b, i) => out.set(splitKey(b.job.trajectory, b.job.fromTurn), atomsFrom(b.job.trajectory, starts[i])));
  } catch (e) {
    if (!isUnusableReply(e)) throw e;
    // each session is asked again on its own, where a smaller question may get a usable answer
  }
}

/** Names a split of exactly this content from exactly this turn, so a planned split is never used for a changed session. */
export function splitKey(t: Trajectory, fromTurn: number): string {
  return `${sessionKeyOf(t)}@${fromTurn}@${createHash('sha256').update(JSON.stringify(t.turns)).digest('hex')}`;
}

function atomsFrom(t: Trajectory, starts: Start[]): Atom[] {
  const key = sessionKeyOf(t);
  return starts.map((s, k) => {
    const atom = buildAtom(t, key, s.turn, starts[k + 1]?.turn ?? t.turns.length);
    if (!s.label) return atom;
    // the model's words replace the heuristic's; fewer than three tags are topped up from the request
    const tags = [...s.label.tags];
    for (const tag of atom.tags) if (tags.length < 3 && !tags.includes(tag)) tags.push(tag);
    return { ...atom, intent: s.label.intent || atom.intent, summary: s.label.summary || atom.summary, tags };
  });
}

/** The heuristic's request starts inside the window, from a heuristic split of the whole stretch (so the
 * window's first turn is judged against the turn before it, as the heuristic always does). */
function heuristicStarts(t: Trajectory, w: SplitWindow, fromTurn: number): Start[] {
  return splitTrajectory(t, fromTurn)
    .map((a) => a.turnStart)
    .filter((turn) => turn >= w.start && turn < w.end)
    .map((turn) => ({ turn }));
}
