import { installsFollowLibrary } from '../../skills/install/follow-library';
import type { InstallContext, InstallReport } from '../../skills/install/install';
import { listInstallRecords } from '../../skills/install/records';
import type { SkillCandidate } from '../../skills/library/types';
import type { SqlRunner } from '../../store/statements';
import { CanaryEngine } from './engine';
import type { CanarySettings } from './settings';
import { CanaryStore } from './store';
import { sameVersion } from './versions';

export interface ByHandOptions {
  settings?: Partial<CanarySettings>;
  /** Milliseconds since the epoch; tests and the loop's own clock move it. */
  clock?: () => number;
  onReport?: (r: InstallReport) => void;
  onNotice?: (message: string) => void;
}

/**
 * The canary engine whose decisions move the installs that follow the library, so a promotion puts the new
 * version where agents load it: what a person drives from the CLI or the editor, and what the loop reviews with.
 */
export function canaryEngineWithInstalls(install: InstallContext, opts: ByHandOptions = {}): CanaryEngine {
  return new CanaryEngine(install.store, install.library, {
    settings: opts.settings,
    ...(opts.clock ? { clock: opts.clock } : {}),
    listener: installsFollowLibrary(install, { onReport: opts.onReport }),
    onNotice: opts.onNotice,
  });
}

/**
 * Skills a person can start a canary for now: installed with at least one install that follows the library
 * (a pinned one never serves the candidate), a candidate proposed on the current version, no canary running.
 */
export function skillsReadyForCanary(db: SqlRunner, current: ReadonlyArray<{ name: string; version: string }>, candidates: readonly SkillCandidate[]): string[] {
  const versions = new Map(current.map((s) => [s.name, s.version]));
  const running = new Set(runningCanarySkills(db));
  return candidates
    .filter((c) => {
      const base = versions.get(c.name);
      return base !== undefined && c.baseVersion !== null && sameVersion(c.baseVersion, base) && !running.has(c.name);
    })
    .filter((c) => listInstallRecords(db, c.name).some((r) => !r.pinned))
    .map((c) => c.name)
    .sort();
}

/** Skills with a canary running, by name. */
export function runningCanarySkills(db: SqlRunner): string[] {
  return new CanaryStore(db)
    .allRunning()
    .map((c) => c.skill)
    .sort();
}
