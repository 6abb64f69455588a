import { SkillsmithError } from '../errors';
import { SkillMatcher } from '../match/matcher';
import { scopeMatches } from '../match/scope';
import { projectOf } from '../skills/scope';
import { headline } from '../text/terms';
import { playbookBudget, RawReuse, staticPlaybook } from './baselines';
import type { Mentions } from './mentions';
import type { EvalRequest } from './requests';
import { meanScores, scoreRequest, type MethodScores, type Offer, type RequestScore } from './score';
import { skillMentions, type EvalSkill } from './skills';

export const METHODS = ['skills', 'rawReuse', 'staticPlaybook'] as const;
export type MethodName = (typeof METHODS)[number];

/** One later request: what it ran, what each method offered it, and how each scored. */
export interface RequestOutcome {
  id: string;
  request: string;
  succeeded: string[];
  failed: string[];
  /** The skills matched to it, best first. */
  skills: string[];
  /** The heads those skills name. */
  named: string[];
  /** The earlier requests raw reuse took its commands from. */
  reused: string[];
  scores: Record<MethodName, RequestScore>;
}

export interface Hindsight {
  k: number;
  /** The static playbook's size. */
  budget: number;
  playbook: string[];
  methods: Record<MethodName, MethodScores>;
  /** Distinct skills matched to at least one request. */
  matchedSkills: string[];
  /** How many commands each skill names. */
  namedBySkill: Record<string, number>;
  requests: RequestOutcome[];
}

export interface HindsightOptions {
  k: number;
  /** Called after each later request is scored. */
  onRequest?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Judges skills in hindsight: each later request is matched against the skills with the product's own
 * matcher (at most k skills, "no skill fits" allowed), and what the matched skills name is scored
 * against what the request ran, beside the two baselines built from the earlier requests alone.
 */
export function hindsight(skills: readonly EvalSkill[], earlier: readonly EvalRequest[], later: readonly EvalRequest[], opts: HindsightOptions): Hindsight {
  const { k } = opts;
  const vocabulary = new Set([...earlier, ...later].flatMap((r) => [...r.succeeded, ...r.failed]));
  const mentions = skillMentions(skills, vocabulary);
  const matcher = new SkillMatcher();
  for (const s of skills) matcher.upsert({ name: s.name, version: s.version, description: s.description, headings: s.headings });
  const raw = new RawReuse(earlier);
  const scopes = new Map(skills.map((s) => [s.name, s.scope]));
  const matched = later.map((r, i) => {
    if (opts.signal?.aborted) throw new SkillsmithError('cancelled', 'eval');
    // scoped as the product offers skills: the request's project skill first, other projects' left out
    const ranked = matcher.match(r.text, { k: k + skills.length }).matches;
    const names = scopeMatches(ranked, scopes, projectOf(r.workspace), k, (skill) => ({ skill })).map((m) => m.skill);
    opts.onRequest?.(i + 1, later.length);
    return names;
  });
  const matchedSkills = [...new Set(matched.flat())].sort();
  const counts = (matchedSkills.length ? matchedSkills : skills.map((s) => s.name)).map((n) => mentions.get(n)!.named.size);
  const budget = playbookBudget(counts, k);
  const playbook = staticPlaybook(earlier, budget);
  const requests = later.map((r, i): RequestOutcome => {
    const skillOffer = offerOf(matched[i], mentions);
    const rawOffer = raw.offer(r.text, k);
    return {
      id: r.id,
      request: headline(r.text, 120),
      succeeded: r.succeeded,
      failed: r.failed,
      skills: matched[i],
      named: [...skillOffer.named].sort(),
      reused: rawOffer.reused,
      scores: { skills: scoreRequest(r, skillOffer), rawReuse: scoreRequest(r, rawOffer), staticPlaybook: scoreRequest(r, playbook) },
    };
  });
  const methods = Object.fromEntries(METHODS.map((m) => [m, meanScores(requests.map((r) => r.scores[m]))])) as Record<MethodName, MethodScores>;
  const namedBySkill = Object.fromEntries(skills.map((s) => [s.name, mentions.get(s.name)!.named.size]));
  return { k, budget, playbook: playbook.commands, methods, matchedSkills, namedBySkill, requests };
}

/** What the matched skills offer together: every head any of them names, and every one any warns about. */
function offerOf(names: readonly string[], mentions: Map<string, Mentions>): Offer {
  const named = new Set<string>();
  const warned = new Set<string>();
  for (const n of names) {
    const m = mentions.get(n)!;
    m.named.forEach((h) => named.add(h));
    m.warned.forEach((h) => warned.add(h));
  }
  return { offered: names.length > 0, named, warned };
}
