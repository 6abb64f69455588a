import { describeError } from '../../errors';
import type { SkillRef } from '../../match/trust/trust-store';
import type { SkillLibrary } from '../../skills/library/library';
import type { StateStore } from '../../store/database';
import { skillsReadyForCanary } from './by-hand';
import type { CanaryEngine } from './engine';
import { CanaryStore } from './store';
import type { Canary } from './types';
import { sameVersion } from './versions';

/**
 * Starts a canary for each candidate that can have one now: one a person could start (skillsReadyForCanary),
 * not quarantined, and with no canary before for this same candidate. A canary that ended
 * (rolled back, expired, stopped, inconclusive, cancelled) is never restarted here: that is a person's call.
 * Drafts of new skills have no current version to compare with and wait for review.
 */
export async function startDueCanaries(
  engine: CanaryEngine,
  ctx: { store: StateStore; library: SkillLibrary },
  opts: { isQuarantined: (ref: SkillRef) => boolean; onNotice: (message: string) => void },
): Promise<Canary[]> {
  const history = new CanaryStore(ctx.store).all();
  const candidates = await ctx.library.listCandidates();
  const ready = new Set(skillsReadyForCanary(ctx.store, await ctx.library.list(), candidates));
  const started: Canary[] = [];
  for (const candidate of candidates) {
    const skill = candidate.name;
    if (!ready.has(skill)) continue;
    if (history.some((c) => c.skill === skill && sameVersion(c.candidateVersion, candidate.version.id))) continue;
    if (opts.isQuarantined({ skill, version: candidate.version.id })) continue;
    try {
      started.push(await engine.start(skill));
    } catch (e) {
      opts.onNotice(`could not start a canary for "${skill}": ${describeError(e)}`);
    }
  }
  return started;
}
