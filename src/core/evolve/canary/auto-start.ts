import { describeError } from '../../errors';
import type { SkillRef } from '../../match/trust/trust-store';
import { listInstallRecords } from '../../skills/install/records';
import type { SkillLibrary } from '../../skills/library/library';
import type { StateStore } from '../../store/database';
import type { CanaryEngine } from './engine';
import { CanaryStore } from './store';
import type { Canary } from './types';
import { sameVersion } from './versions';

/**
 * Starts a canary for each candidate that can have one now: a new version of a skill that is installed and
 * follows the library (a pinned install would never serve the candidate), proposed on the current version,
 * not quarantined, with no canary running and none before for this same candidate. A canary that ended
 * (rolled back, expired, stopped, inconclusive, cancelled) is never restarted here: that is a person's call.
 * Drafts of new skills have no current version to compare with and wait for review.
 */
export async function startDueCanaries(
  engine: CanaryEngine,
  ctx: { store: StateStore; library: SkillLibrary },
  opts: { isQuarantined: (ref: SkillRef) => boolean; onNotice: (message: string) => void },
): Promise<Canary[]> {
  const history = new CanaryStore(ctx.store).all();
  const current = new Map((await ctx.library.list()).map((s) => [s.name, s.version]));
  const started: Canary[] = [];
  for (const candidate of await ctx.library.listCandidates()) {
    const skill = candidate.name;
    const base = current.get(skill);
    if (!base || !candidate.baseVersion || !sameVersion(candidate.baseVersion, base)) continue;
    if (!listInstallRecords(ctx.store, skill).some((r) => !r.pinned)) continue;
    if (engine.running(skill)) continue;
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
