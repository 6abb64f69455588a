import type { Atom } from '../../distill/atoms/types';
import { stem, terms } from '../../text/terms';
import type { Turn } from '../../transcripts/model';

/** What the agent says when it stops without having done the job. */
const GAVE_UP =
  /\b(i(?: was| am|['’]m) (?:not |un)able to|i was(?:n['’]?t| not) able to|i could(?:n['’]?t| not)|i can(?:no|['’])?t (?:get|make|fix|find|seem)|(?:still|keeps?) (?:fails?|failing|broken|erroring)|did(?:n['’]?t| not) (?:work|pass|succeed))\b/i;

/** Below this share of shared words the next request is about something else. */
const SAME_TOPIC_OVERLAP = 0.3;

/** The atom's work ended badly: its last step failed, its last command failed, or the agent's last words concede. */
export function endedAfterFailure(atom: Atom, turns: readonly Turn[]): boolean {
  const last = atom.steps[atom.steps.length - 1];
  if (atom.signals.endedInError || last?.failed) return true;
  const lastAgent = [...turns].reverse().find((t) => t.role === 'assistant');
  return lastAgent !== undefined && GAVE_UP.test(lastAgent.text.slice(-1500));
}

/** Jaccard overlap of the stemmed content words of two requests. */
export function topicOverlap(a: string, b: string): number {
  const x = new Set(terms(a).map(stem));
  const y = new Set(terms(b).map(stem));
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

export interface AbandonmentContext {
  atom: Atom;
  /** The atom's turns. */
  turns: readonly Turn[];
  /** The user's next request, when the session went on. */
  nextRequest?: string;
  /** The session ended with this atom (and has been quiet long enough that it will not go on). */
  sessionEnded: boolean;
}

/** After a failure the user either left the session or asked for something unrelated. */
export function abandoned(c: AbandonmentContext): boolean {
  if (!endedAfterFailure(c.atom, c.turns)) return false;
  if (c.nextRequest === undefined) return c.sessionEnded;
  return topicOverlap(c.atom.request, c.nextRequest) < SAME_TOPIC_OVERLAP;
}
