import type { Trajectory } from '../../transcripts/model';
import type { StageContext } from './context';
import { SPLIT_SYSTEM, splitUser } from './prompts';
import { clip, oneLine } from './render';
import { splitSchema } from './schemas';
import type { SplitWindow } from './windows';

/** What the model says about an atom; where it starts and everything measured is ours. */
export interface Label {
  intent: string;
  summary: string;
  tags: string[];
}

/** A request start: a user turn, worded by the model unless it came from the heuristic. */
export interface Start {
  turn: number;
  label?: Label;
}

/** One session's stretch in a split request: a window of a long session, or a whole short one. */
export interface SplitPart {
  trajectory: Trajectory;
  window: SplitWindow;
  /** `part 2 of 3`, or `whole` */
  position: string;
  /** The request under way when the part starts (a later window of a long session). */
  previous?: Start;
}

/** Output allowance per request the model may list: an intent, a summary and tags. */
const OUTPUT_PER_REQUEST = 110;

/**
 * One split call for one or more parts: the request starts of each part, in part order. A reply that stays
 * unusable after the client's repair attempt throws (see `isUnusableReply`); the caller decides the fallback.
 */
export async function askSplit(ctx: StageContext, parts: readonly SplitPart[]): Promise<Start[][]> {
  const refs = parts.map((_, i) => `S${i + 1}`);
  const texts = parts.map((p, i) => ({
    ref: refs[i],
    header: `${p.trajectory.source} session${p.trajectory.title ? ` "${clip(oneLine(p.trajectory.title), 80)}"` : ''}, ${p.position}`,
    userTurns: p.window.userTurns,
    previousIntent: p.previous ? p.previous.label?.intent ?? clip(oneLine(p.trajectory.turns[p.previous.turn]?.text ?? ''), 80) : undefined,
    text: p.window.text,
  }));
  const requests = parts.reduce((n, p) => n + p.window.userTurns.length, 0);
  const { value } = await ctx.client.chatJson({
    stage: 'split',
    system: SPLIT_SYSTEM,
    user: splitUser(texts),
    schema: splitSchema(texts),
    maxOutputTokens: Math.min(ctx.options.maxOutputTokens.split, 200 + OUTPUT_PER_REQUEST * requests),
    signal: ctx.signal,
  });
  const byRef = new Map(value.sessions.map((s) => [s.session, s.atoms]));
  return parts.map((p, i) => {
    const starts: Start[] = (byRef.get(refs[i]) ?? []).map((a) => ({ turn: a.turn, label: cleanLabel(a) }));
    // Without a request in progress, the part's first user turn must open one.
    if (!p.previous && starts[0]?.turn !== p.window.userTurns[0]) starts.unshift({ turn: p.window.userTurns[0] });
    return starts;
  });
}

function cleanLabel(a: { intent: string; summary: string; tags: string[] }): Label {
  const tags = [...new Set(a.tags.map(tagOf).filter(Boolean))].slice(0, 5);
  return { intent: clip(oneLine(a.intent), 80), summary: clip(oneLine(a.summary), 240), tags };
}

function tagOf(tag: string): string {
  return tag
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}
