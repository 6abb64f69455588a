import type { Atom } from '../atoms/types';

const MAX_WORKFLOW_CHARS = 80;

/**
 * Why a proposal wrote nothing, in one line a person can act on: how many requests and sessions there
 * were, how many distinct tool workflows they form, the one seen in the most sessions, and the rule it
 * missed. Judged from the atoms alone (not from any engine's grouping), so it holds for every engine.
 */
export function whyNothingWritten(unclaimed: readonly Atom[], minSessions: number): string {
  const sessions = new Set(unclaimed.map((a) => a.sessionKey));
  const head = `${plural(unclaimed.length, 'request')} from ${plural(sessions.size, 'session')}`;
  const workflows = new Map<string, Set<string>>();
  for (const a of unclaimed) {
    if (a.steps.length === 0) continue;
    const key = [...new Set(a.steps.map((s) => s.signature))].join(' > ');
    workflows.set(key, (workflows.get(key) ?? new Set()).add(a.sessionKey));
  }
  if (workflows.size === 0) return `${head}, none of them used a tool: no workflow to write down`;
  const [closest, seenIn] = [...workflows].sort((x, y) => y[1].size - x[1].size || x[0].localeCompare(y[0]))[0];
  const shown = closest.length > MAX_WORKFLOW_CHARS ? `${closest.slice(0, MAX_WORKFLOW_CHARS - 1)}…` : closest;
  const found = `${head} form ${plural(workflows.size, 'workflow')}; the most common (${shown}) was seen in ${plural(seenIn.size, 'session')}`;
  if (seenIn.size < minSessions) return `${found}, a skill needs ${minSessions} (--min-sessions)`;
  return `${found}, enough, but the engine found no reusable skill in them (mostly failed, a prompt template, or declined)`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
