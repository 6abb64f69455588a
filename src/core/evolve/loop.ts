import { describeError } from '../errors';
import type { LlmClient } from '../llm/types';
import { refreshInstalls, type InstallContext } from '../skills/install/install';
import { installsFollowLibrary } from '../skills/install/follow-library';
import { CanaryEngine, type ReviewEntry } from './canary/engine';
import type { CanarySettings } from './canary/settings';
import { scorePendingUses, type ScoringReport } from './outcome/score-pending';

export interface EvolveReport {
  scoring: ScoringReport;
  reviews: ReviewEntry[];
  /** Running canaries and the version their installs now carry. */
  serving: { skill: string; arm: string; version: string }[];
  problems: string[];
}

/**
 * The step after every ingest: score the skill uses attribution found, let each running canary look at its
 * samples (promote, roll back or go on), and put the arm that is behind its share into the installs for the
 * sessions to come. Nothing here guesses from timestamps: arms come from the versions sessions loaded.
 */
export async function evolve(
  install: InstallContext,
  opts: { llm?: LlmClient; canary?: Partial<CanarySettings>; now?: () => number; onNotice?: (m: string) => void } = {},
): Promise<EvolveReport> {
  const problems: string[] = [];
  const notice = (m: string) => {
    problems.push(m);
    opts.onNotice?.(m);
  };
  const now = opts.now ?? Date.now;
  const scoring = await scorePendingUses(install.store, { llm: opts.llm?.canChat ? opts.llm : undefined, now: now() });
  const engine = new CanaryEngine(install.store, install.library, {
    settings: opts.canary,
    clock: now,
    listener: installsFollowLibrary(install),
    onNotice: notice,
  });
  const reviews = await engine.review();
  const serving: EvolveReport['serving'] = [];
  for (const { canary: c } of engine.status().filter((s) => s.canary.state === 'running')) {
    const next = engine.servingVersion(c.skill);
    if (!next) continue;
    try {
      await refreshInstalls(install, c.skill, { version: next.version });
      serving.push({ skill: c.skill, arm: next.arm, version: next.version });
    } catch (e) {
      notice(`canary for "${c.skill}": could not install the ${next.arm} version: ${describeError(e)}`);
    }
  }
  await install.store.flush();
  return { scoring, reviews, serving, problems };
}
