import type { Atom } from '../atoms/types';
import type { DraftEvidence } from '../offline/draft';
import { collapse, mostSharedSequence } from '../offline/sequences';
import { clip, oneLine, stepLines } from './render';

/** Requests that asked the same thing and did the same steps: shown once, with a count. */
interface Entry {
  atoms: Atom[];
  request: string;
  steps: string[];
}

/**
 * The evidence a writing prompt shows: alike requests merged into one entry (same words, same steps), then
 * at most `max` entries, successes first, then the most repeated, stable by id. The commands a draft may
 * name come from all the evidence, not only what is shown.
 */
export function renderEvidence(atoms: readonly Atom[], requests: ReadonlyMap<string, string>, max: number): { lines: string[]; headline: string } {
  const entries = new Map<string, Entry>();
  for (const a of [...atoms].sort((x, y) => x.id.localeCompare(y.id))) {
    const request = clip(oneLine(requests.get(a.id) ?? a.intent), 300);
    // commands in full (within reason): a skill may quote them, and a clipped one cannot be quoted
    const steps = stepLines(a.steps, 14, 400);
    const key = `${request}\n${steps.join('\n')}`;
    const entry = entries.get(key) ?? { atoms: [], request, steps };
    entry.atoms.push(a);
    entries.set(key, entry);
  }
  const shown = [...entries.values()].sort((x, y) => rank(x) - rank(y) || y.atoms.length - x.atoms.length || x.atoms[0].id.localeCompare(y.atoms[0].id)).slice(0, max);
  const lines = shown.flatMap((e, i) => [`E${i + 1} (${describe(e)}): ${e.request}`, ...e.steps.map((l) => `  ${l}`)]);
  return { lines, headline: headlineOf(atoms, shown.length, entries.size) };
}

function rank(e: Entry): number {
  return e.atoms.some((a) => a.outcome === 'success') ? 0 : e.atoms.some((a) => a.outcome === 'unknown') ? 1 : 2;
}

function describe(e: Entry): string {
  const sources = [...new Set(e.atoms.map((a) => a.source))].sort().join(', ');
  const outcomes = [...new Set(e.atoms.map((a) => a.outcome))].sort().join('/');
  const corrected = e.atoms.some((a) => a.signals.corrected) ? ', user corrected the agent' : '';
  return `${sources}, ${outcomes}${corrected}${e.atoms.length > 1 ? `, ${e.atoms.length} alike` : ''}`;
}

/** One line on how much and how varied the evidence is. */
function headlineOf(atoms: readonly Atom[], shown: number, distinct: number): string {
  const sessions = new Set(atoms.map((a) => a.sessionKey)).size;
  const agents = [...new Set(atoms.map((a) => a.source))].sort().join(', ');
  const ok = atoms.filter((a) => a.outcome === 'success').length;
  const corrected = atoms.filter((a) => a.signals.corrected).length;
  const more = distinct > shown ? `; ${shown} of ${distinct} kinds shown` : '';
  return `${atoms.length} requests from ${sessions} sessions (${agents}); ${ok} ended well, ${corrected} had the user correct the agent${more}.`;
}

/** Provenance for a draft written from these atoms. */
export function draftEvidence(atoms: readonly Atom[], sequence?: string[]): DraftEvidence {
  const sorted = [...atoms].sort((a, b) => a.id.localeCompare(b.id));
  const successes = sorted.filter((a) => a.outcome === 'success').length;
  return {
    atoms: sorted.map((a) => a.id),
    sessions: [...new Set(sorted.map((a) => a.sessionKey))].sort(),
    sequence: sequence ?? mostSharedSequence(sorted.map((a) => collapse(a.steps.map((s) => s.signature))))?.signatures ?? [],
    occurrences: sorted.length,
    successRate: sorted.length ? successes / sorted.length : 0,
  };
}
