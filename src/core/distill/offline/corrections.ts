import { detectFeedback } from '../../match/feedback';
import { stem, terms } from '../../text/terms';
import type { Turn } from '../../transcripts/model';
import { commandOf } from '../atoms/steps';
import type { Atom, Correction } from '../atoms/types';

/** Feedback that says what to do instead; a bare retry or a repeated request is not a rule. */
const RULE_KINDS = new Set(['correction', 'rejection', 'undo']);

/**
 * What the user told the agent right after it did something: a later user turn of the atom that reads as
 * a correction, with the agent's last action before it (the command it ran, or the file it touched).
 */
export function correctionsIn(turns: readonly Turn[]): Correction[] {
  const out: Correction[] = [];
  const earlier: string[] = [];
  turns.forEach((turn, i) => {
    if (turn.role !== 'user') return;
    const previous = turns[i - 1];
    const feedback = i > 0 ? detectFeedback(turn.text, earlier) : undefined;
    earlier.push(turn.text);
    if (!feedback || !RULE_KINDS.has(feedback.kind) || previous?.role !== 'assistant' || previous.toolCalls.length === 0) return;
    const text = turn.text.replace(/\s+/g, ' ').trim().slice(0, 240);
    const after = lastAction(previous);
    out.push(after ? { text, after } : { text });
  });
  return out;
}

function lastAction(turn: Turn): string | undefined {
  for (const call of [...turn.toolCalls].reverse()) {
    const command = commandOf(call.input);
    if (command && /bash|shell|exec|terminal|command/i.test(call.name)) return command.split('\n')[0].slice(0, 120);
    const o = call.input as Record<string, unknown> | undefined;
    const file = o && typeof o === 'object' ? (o.file_path ?? o.path ?? o.filePath) : undefined;
    if (typeof file === 'string') return file.split(/[\\/]/).pop();
  }
  return undefined;
}

/** A user correction that recurs: the same instruction in `minSessions` sessions or more. */
export interface RecurringCorrection {
  /** The clearest of the user's own words (the shortest). */
  text: string;
  /** What the agent had just done, when the sessions agree on it. */
  after?: string;
  sessions: string[];
  occurrences: number;
}

/**
 * Corrections grouped by what they say: two are the same rule when most of their content words (and any
 * command they quote) are shared. Each group is compared by its first member, so a chain of loosely alike
 * corrections never merges into one.
 */
export function recurringCorrections(atoms: readonly Atom[], minSessions = 2): RecurringCorrection[] {
  const items = atoms.flatMap((a) => (a.corrections ?? []).map((c) => ({ ...c, session: a.sessionKey, words: wordsOf(c.text) })));
  const groups: { lead: Set<string>; members: typeof items }[] = [];
  for (const item of items) {
    if (item.words.size < 2) continue;
    const group = groups.find((g) => overlap(g.lead, item.words) >= 0.5);
    if (group) group.members.push(item);
    else groups.push({ lead: item.words, members: [item] });
  }
  return groups
    .map((g) => {
      const sessions = [...new Set(g.members.map((m) => m.session))].sort();
      const afters = [...new Set(g.members.map((m) => m.after).filter((x): x is string => Boolean(x)))];
      const text = [...g.members].sort((a, b) => a.text.length - b.text.length || a.text.localeCompare(b.text))[0].text;
      return { text, ...(afters.length === 1 ? { after: afters[0] } : {}), sessions, occurrences: g.members.length };
    })
    .filter((c) => c.sessions.length >= minSessions)
    .sort((a, b) => b.sessions.length - a.sessions.length || b.occurrences - a.occurrences || a.text.localeCompare(b.text));
}

function wordsOf(text: string): Set<string> {
  const quoted = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1].trim().toLowerCase());
  return new Set([...terms(text).map(stem), ...quoted]);
}

/** Shared share of the smaller set: "no, use pnpm" and "no, use pnpm not npm here" say the same. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n / Math.max(1, Math.min(a.size, b.size));
}
