import type { Atom } from '../atoms/types';
import { findBoilerplate, withoutBoilerplate } from './boilerplate';
import { draftSkill, type SkillDraft } from './draft';
import { groupByIntent } from './intents';
import { collapse, isSubsequence, mostSharedSequence } from './sequences';

export interface OfflineRules {
  /** A workflow must recur in at least this many distinct sessions. */
  minSessions: number;
  /** …and at least this many times in all. */
  minOccurrences: number;
  /** …and end well at least this often. */
  minSuccessRate: number;
}

export const DEFAULT_OFFLINE_RULES: OfflineRules = { minSessions: 2, minOccurrences: 3, minSuccessRate: 0.8 };

/**
 * The offline engine: no model, same input → same output. Groups atoms that ask for similar things,
 * finds the tool workflow each group shares, and drafts a skill for every workflow that recurs often
 * enough, in enough sessions, and mostly succeeds.
 */
export function draftSkillsOffline(atoms: readonly Atom[], takenNames: ReadonlySet<string>, rules = DEFAULT_OFFLINE_RULES): SkillDraft[] {
  const working = [...atoms].filter((a) => a.steps.length > 0).sort((a, b) => a.id.localeCompare(b.id));
  const boilerplate = findBoilerplate(working);
  const clean = new Map(working.map((a) => [a.id, withoutBoilerplate(a.request, boilerplate) || a.intent]));
  const byId = new Map(working.map((a) => [a.id, a]));
  const groups = groupByIntent(working.map((a) => ({ id: a.id, text: clean.get(a.id)! })));

  // Groups that phrase the same workflow differently merge on their shared sequence.
  const byWorkflow = new Map<string, { sequence: string[]; members: Atom[] }>();
  for (const ids of groups) {
    const group = ids.map((id) => byId.get(id)!);
    const sequences = group.map((a) => collapse(a.steps.map((s) => s.signature)));
    const best = mostSharedSequence(sequences);
    if (!best) continue;
    const key = best.signatures.join('\u0000');
    const entry = byWorkflow.get(key) ?? { sequence: best.signatures, members: [] };
    entry.members.push(...best.members.map((i) => group[i]));
    byWorkflow.set(key, entry);
  }

  const taken = new Set(takenNames);
  const allRequests = [...clean.values()];
  const drafts: SkillDraft[] = [];
  const qualified = [...byWorkflow.values()]
    .map((w) => ({ ...w, members: w.members.filter((a) => isSubsequence(w.sequence, collapse(a.steps.map((s) => s.signature)))) }))
    .filter((w) => qualifies(w.members, rules))
    .sort((a, b) => b.members.length - a.members.length || a.sequence.join().localeCompare(b.sequence.join()));
  for (const w of qualified) {
    const draft = draftSkill({ members: w.members, sequence: w.sequence, cleanRequests: clean, allRequests, takenNames: taken });
    taken.add(draft.name);
    drafts.push(draft);
  }
  return drafts;
}

function qualifies(members: Atom[], rules: OfflineRules): boolean {
  const sessions = new Set(members.map((a) => a.sessionKey)).size;
  const successes = members.filter((a) => a.outcome === 'success').length;
  return (
    members.length >= rules.minOccurrences &&
    sessions >= rules.minSessions &&
    successes / Math.max(1, members.length) >= rules.minSuccessRate
  );
}
