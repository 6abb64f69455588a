import { describeError } from '../errors';
import type { LlmClient } from '../llm/types';
import type { TrustRules } from '../match/trust/levels';
import { TrustStore } from '../match/trust/trust-store';
import { refreshInstalls, type InstallContext } from '../skills/install/install';
import { startDueCanaries } from './canary/auto-start';
import { canaryEngineWithInstalls } from './canary/by-hand';
import type { ReviewEntry } from './canary/engine';
import type { CanarySettings } from './canary/settings';
import { shortVersion } from './canary/versions';
import { creditScoredSessions, type TrustCreditReport } from './outcome/credit-trust';
import { scorePendingUses, type ScoringReport } from './outcome/score-pending';

export interface EvolveOptions {
  llm?: LlmClient;
  canary?: Partial<CanarySettings>;
  /** Start a canary for each candidate of an installed skill (default true); off, candidates wait for review. */
  autoStartCanaries?: boolean;
  /** When outcomes move a version's trust level. */
  trust?: TrustRules;
  now?: () => number;
  onNotice?: (m: string) => void;
}

export interface EvolveReport {
  scoring: ScoringReport;
  trust: TrustCreditReport;
  reviews: ReviewEntry[];
  /** Canaries this run started. */
  started: { skill: string; currentVersion: string; candidateVersion: string }[];
  /** Running canaries and the version their installs now carry. */
  serving: { skill: string; arm: string; version: string }[];
  problems: string[];
}

/**
 * The step after every ingest: score the skill uses attribution found and credit them to the trust of the
 * versions used, let each running canary look at its samples (promote, roll back or go on), start canaries
 * for new candidates of installed skills, and put the arm that is behind its share into the installs for the
 * sessions to come. Nothing here guesses from timestamps: arms come from the versions sessions loaded.
 */
export async function evolve(install: InstallContext, opts: EvolveOptions = {}): Promise<EvolveReport> {
  const problems: string[] = [];
  const notice = (m: string) => {
    problems.push(m);
    opts.onNotice?.(m);
  };
  const now = opts.now ?? Date.now;
  const scoring = await scorePendingUses(install.store, { llm: opts.llm?.canChat ? opts.llm : undefined, now: now() });
  const trustStore = new TrustStore(install.store, opts.trust, () => new Date(now()));
  const trust = await creditScoredSessions(install.store, install.library, trustStore);
  const engine = canaryEngineWithInstalls(install, { settings: opts.canary, clock: now, onNotice: notice });
  const reviews = await engine.review();
  const isQuarantined = (ref: { skill: string; version: string }) => trustStore.isQuarantined(ref);
  const started = opts.autoStartCanaries === false ? [] : await startDueCanaries(engine, install, { isQuarantined, onNotice: notice, now });
  const serving: EvolveReport['serving'] = [];
  for (const { canary: c } of engine.status().filter((s) => s.canary.state === 'running')) {
    if (isQuarantined({ skill: c.skill, version: c.candidateVersion })) {
      // the candidate's own outcomes condemned it: serve it no more, and leave it for a person to review
      await engine.cancel(c.skill, `canary cancelled: candidate ${shortVersion(c.candidateVersion)} is quarantined by its outcomes`);
      continue;
    }
    const next = engine.servingVersion(c.skill);
    if (!next) continue;
    if (isQuarantined({ skill: c.skill, version: next.version })) {
      notice(`canary for "${c.skill}": the ${next.arm} version ${shortVersion(next.version)} is quarantined; not installed`);
      continue;
    }
    try {
      await refreshInstalls(install, c.skill, { version: next.version });
      serving.push({ skill: c.skill, arm: next.arm, version: next.version });
    } catch (e) {
      notice(`canary for "${c.skill}": could not install the ${next.arm} version: ${describeError(e)}`);
    }
  }
  await install.store.flush();
  const startedList = started.map((c) => ({ skill: c.skill, currentVersion: c.currentVersion, candidateVersion: c.candidateVersion }));
  return { scoring, trust, reviews, started: startedList, serving, problems };
}
