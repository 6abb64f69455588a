import { SkillMatcher } from '../../match/matcher';
import { headingsOf } from '../../match/skill-index';
import type { Atom } from '../atoms/types';
import { meanF1, succeededHeads } from './commands';
import type { SkillDraft } from './draft';

/**
 * Hindsight on the sessions a project's drafts came from. Each workflow draft is matched, with the
 * product's matcher, against the project's requests that are not its own evidence (its own match it by the
 * words it was described with, so they are no test), and kept only if, over the requests it is matched
 * to, the commands it adds to the project skill's do not take what is named further from what those requests ran.
 * A draft whose words pull in requests that do other work does more harm than good.
 */
export function keepHelpfulWorkflows(drafts: readonly SkillDraft[], atoms: readonly Atom[], always?: SkillDraft): SkillDraft[] {
  const requests = atoms.map((a) => ({ id: a.id, text: a.request, truth: succeededHeads(a) })).filter((r) => r.truth.size > 0 && r.text.trim());
  return drafts.filter((d) => gainOf(d, requests, always) >= 0);
}

function gainOf(draft: SkillDraft, requests: { id: string; text: string; truth: Set<string> }[], always: SkillDraft | undefined): number {
  const matcher = new SkillMatcher();
  matcher.upsert({ name: draft.name, version: '0', description: draft.description, headings: headingsOf(draft.body) });
  const own = new Set(draft.evidence.atoms);
  const base = new Set(always?.evidence.commands ?? []);
  const withDraft = new Set([...base, ...(draft.evidence.commands ?? [])]);
  let gain = 0;
  for (const r of requests) {
    if (own.has(r.id) || matcher.match(r.text, { k: 1 }).matches.length === 0) continue;
    gain += meanF1(withDraft, [r.truth]) - meanF1(base, [r.truth]);
  }
  return gain;
}
