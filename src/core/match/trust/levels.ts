import { SkillsmithError } from '../../errors';
import type { TrustPosterior } from './posterior';

/**
 * How far an agent may rely on a skill version, most to least:
 * - trusted: proven by outcomes (or declared by the user);
 * - verified: passed the injection scan, not yet proven: the level every new version starts at;
 * - quarantined: a high-severity scan finding, a reject as unsafe, or outcomes that say it fails; it is
 *   not installed without an explicit override and agents see only its name;
 * - blocked: never offered to an agent.
 */
export type TrustLevel = 'trusted' | 'verified' | 'quarantined' | 'blocked';

export const TRUST_LEVELS: readonly TrustLevel[] = ['trusted', 'verified', 'quarantined', 'blocked'];
export const TRUST_RANK: Record<TrustLevel, number> = { blocked: 0, quarantined: 1, verified: 2, trusted: 3 };

export function parseTrustLevel(text: string, where = 'trust level'): TrustLevel {
  const level = text.trim().toLowerCase();
  if ((TRUST_LEVELS as readonly string[]).includes(level)) return level as TrustLevel;
  throw new SkillsmithError(`unknown trust level "${text}"`, where, `use one of ${TRUST_LEVELS.join(', ')}`);
}

/**
 * When outcomes move a version between levels. Bounds are the posterior's one-sided 95% credible bounds,
 * so "lower ≥ 0.7" reads "95% sure it succeeds at least 70% of the time".
 */
export interface TrustRules {
  /** verified → trusted once this sure it is good. */
  promote: { minUses: number; minLower: number };
  /** trusted → verified when the lower bound falls below this (lower than `promote.minLower`, so a level does not flap). */
  demote: { minUses: number; minLower: number };
  /** → quarantined once this sure it fails more often than the bound. */
  quarantine: { minUses: number; maxUpper: number };
  /** → blocked once this sure it almost always fails. `minUses: 0` turns automatic blocking off. */
  block: { minUses: number; maxUpper: number };
}

export const DEFAULT_TRUST_RULES: Readonly<TrustRules> = Object.freeze({
  promote: { minUses: 10, minLower: 0.7 },
  demote: { minUses: 10, minLower: 0.5 },
  quarantine: { minUses: 6, maxUpper: 0.5 },
  block: { minUses: 20, maxUpper: 0.2 },
});

export function checkTrustRules(rules: TrustRules, where = 'trust rules'): void {
  const bound = (v: number, name: string) => {
    if (!(v >= 0 && v <= 1)) throw new SkillsmithError(`${name} must be between 0 and 1 (got ${v})`, where);
  };
  const uses = (v: number, name: string) => {
    if (!(Number.isInteger(v) && v >= 0)) throw new SkillsmithError(`${name} must be a whole number ≥ 0 (got ${v})`, where);
  };
  uses(rules.promote.minUses, 'promote.minUses');
  uses(rules.demote.minUses, 'demote.minUses');
  uses(rules.quarantine.minUses, 'quarantine.minUses');
  uses(rules.block.minUses, 'block.minUses');
  bound(rules.promote.minLower, 'promote.minLower');
  bound(rules.demote.minLower, 'demote.minLower');
  bound(rules.quarantine.maxUpper, 'quarantine.maxUpper');
  bound(rules.block.maxUpper, 'block.maxUpper');
  if (rules.demote.minLower > rules.promote.minLower) {
    throw new SkillsmithError('demote.minLower must not exceed promote.minLower, or a trusted skill would be demoted at once', where);
  }
}

export interface LevelDecision {
  level: TrustLevel;
  reason: string;
}

/** The level the outcomes call for, given the level the rules gave last time (for the promote/demote gap). */
export function levelFromOutcomes(p: TrustPosterior, previous: TrustLevel | undefined, rules: TrustRules = DEFAULT_TRUST_RULES): LevelDecision {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const after = `after ${p.uses} use${p.uses === 1 ? '' : 's'}`;
  if (rules.block.minUses > 0 && p.uses >= rules.block.minUses && p.upper <= rules.block.maxUpper) {
    return { level: 'blocked', reason: `blocked: success rate at most ${pct(p.upper)} (95% sure) ${after}` };
  }
  if (rules.quarantine.minUses > 0 && p.uses >= rules.quarantine.minUses && p.upper < rules.quarantine.maxUpper) {
    return { level: 'quarantined', reason: `quarantined: success rate below ${pct(rules.quarantine.maxUpper)} (95% sure) ${after}` };
  }
  if (p.uses >= rules.promote.minUses && p.lower >= rules.promote.minLower) {
    return { level: 'trusted', reason: `trusted: success rate at least ${pct(p.lower)} (95% sure) ${after}` };
  }
  if (previous === 'trusted' && !(p.uses >= rules.demote.minUses && p.lower < rules.demote.minLower)) {
    return { level: 'trusted', reason: `still trusted: lower bound ${pct(p.lower)} ${after}` };
  }
  return { level: 'verified', reason: p.uses === 0 ? 'verified: no outcomes yet' : `verified: not yet proven (lower bound ${pct(p.lower)} ${after})` };
}
