import { describeError } from '../../errors';
import type { SkillRef } from '../../match/trust/trust-store';
import type { SkillLibrary } from '../../skills/library/library';
import type { StateStore } from '../../store/database';
import { skillsReadyForCanary } from './by-hand';
import type { CanaryEngine } from './engine';
import { HindsightChecks } from './hindsight-checks';
import { tryHindsightGate } from './hindsight-gate';
import { CanaryStore } from './store';
import type { Canary } from './types';
import { sameVersion } from './versions';

/**
 * Starts a canary for each candidate that can have one now: one a person could start (skillsReadyForCanary),
 * not quarantined, and with no canary before for this same candidate. A canary that ended
 * (rolled back, expired, stopped, inconclusive, cancelled) is never restarted here: that is a person's call.
 * Drafts of new skills have no current version to compare with and wait for review.
 *
 * Before live traffic, the hindsight gate: a candidate whose hindsight score on recent sessions is below
 * the current version's is not put into a canary; it waits for review with both scores as the reason
 * (`skillsmith canary status`, `skillsmith library candidates`). A person may still start one by hand.
 */
export async function startDueCanaries(
  engine: CanaryEngine,
  ctx: { store: StateStore; library: SkillLibrary },
  opts: { isQuarantined: (ref: SkillRef) => boolean; onNotice: (message: string) => void; now?: () => number },
): Promise<Canary[]> {
  const history = new CanaryStore(ctx.store).all();
  const checks = new HindsightChecks(ctx.store);
  const candidates = await ctx.library.listCandidates();
  const library = await ctx.library.list();
  const currentVersions = new Map(library.map((s) => [s.name, s.version]));
  const ready = new Set(skillsReadyForCanary(ctx.store, library, candidates));
  const started: Canary[] = [];
  for (const candidate of candidates) {
    const skill = candidate.name;
    if (!ready.has(skill)) continue;
    if (history.some((c) => c.skill === skill && sameVersion(c.candidateVersion, candidate.version.id))) continue;
    if (opts.isQuarantined({ skill, version: candidate.version.id })) continue;
    // held once, it waits for a person: the same candidate is not judged again on every run
    if (checks.get(skill, candidate.version.id)?.verdict === 'held') continue;
    const check = await tryHindsightGate(ctx, skill, { current: currentVersions.get(skill)!, candidate: candidate.version.id }, opts);
    if (check?.verdict === 'held') {
      opts.onNotice(`"${skill}": candidate ${candidate.version.shortId} waits for review, not put into a canary: ${check.reason}`);
      continue;
    }
    try {
      started.push(await engine.start(skill));
    } catch (e) {
      opts.onNotice(`could not start a canary for "${skill}": ${describeError(e)}`);
    }
  }
  return started;
}
