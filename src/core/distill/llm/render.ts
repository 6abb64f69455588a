import type { Turn } from '../../transcripts/model';
import { toStep } from '../atoms/steps';
import type { Atom, Step } from '../atoms/types';

/**
 * Compact text for prompts. A model deciding where intents change, or what a workflow is, needs the user's
 * words and the shape of what the agent did, not file contents or tool output: user turns go in full (up
 * to a cap), assistant prose is cut short, and every tool call is one line with its command or file and a
 * mark when it failed. That keeps a session at a fraction of its raw size, so no window drops a tail.
 */

const RENDER_LIMITS = {
  userChars: 1500,
  assistantChars: 160,
  commandChars: 120,
  errorChars: 80,
  /** Beyond this many tool lines in one turn, the rest are counted, not shown. */
  toolLines: 24,
};

/** One turn, labelled with its index in the session (the index the model answers with). */
export function renderTurn(turn: Turn, index: number): string[] {
  // continuation lines are indented so no line of a user's text can pass for a turn of its own
  if (turn.role === 'user') return [`[${index}] USER: ${clip(turn.text.trim(), RENDER_LIMITS.userChars).replace(/\n/g, '\n    ')}`];
  const lines = [`[${index}] AGENT: ${clip(oneLine(turn.text), RENDER_LIMITS.assistantChars) || '(no text)'}`];
  return [...lines, ...stepLines(turn.toolCalls.map(toStep)).map((l) => `  ${l}`)];
}

/** Tool calls as short lines; a run of identical lines becomes one line with a count. */
export function stepLines(steps: readonly Step[], limit = RENDER_LIMITS.toolLines, commandChars = RENDER_LIMITS.commandChars): string[] {
  const lines: string[] = [];
  let last = '';
  let repeat = 1;
  const flush = () => {
    if (last) lines.push(repeat > 1 ? `${last} (x${repeat})` : last);
  };
  for (const s of steps) {
    const line = stepLine(s, commandChars);
    if (line === last) {
      repeat++;
      continue;
    }
    flush();
    last = line;
    repeat = 1;
  }
  flush();
  if (lines.length <= limit) return lines;
  return [...lines.slice(0, limit), `… ${lines.length - limit} more tool calls`];
}

export function stepLine(s: Step, commandChars = RENDER_LIMITS.commandChars): string {
  const [kind, what = ''] = splitSignature(s.signature);
  let text: string;
  if (kind === 'run') text = `$ ${clip(oneLine(s.detail ?? what), commandChars)}`;
  else if (kind === 'edit' || kind === 'read') text = `${kind} ${s.detail ?? what}`;
  else if (kind === 'search') text = 'search';
  else text = `tool ${what}`;
  return s.failed ? `${text}  ✗ ${clip(oneLine(s.error ?? 'failed'), RENDER_LIMITS.errorChars)}` : text;
}

/**
 * An atom for routing, on one line: the request, the model's summary when it adds to the request (the
 * heuristic's restates it), the shape of the work and how it ended.
 */
export function renderAtomBrief(atom: Atom): string {
  const intent = clip(oneLine(atom.intent), 120);
  const summary = oneLine(atom.summary);
  const parts = [intent];
  if (summary && !summary.startsWith(intent.replace(/…$/, '').slice(0, 40))) parts.push(clip(summary, 200));
  const steps = stepLines(atom.steps, 6).join('; ');
  if (steps) parts.push(`steps: ${steps}`);
  parts.push(atom.outcome);
  return parts.join(' | ');
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}


function splitSignature(sig: string): [string, string?] {
  const i = sig.indexOf(':');
  return i < 0 ? [sig] : [sig.slice(0, i), sig.slice(i + 1)];
}
