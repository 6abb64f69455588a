import { refreshInstalls, type InstallContext, type InstallReport } from './install';

export interface FollowOptions {
  onReport?: (r: InstallReport) => void;
}

/**
 * Moves installs when the library's current version of a skill changes under them: the shape of the
 * canary engine's listener (src/core/evolve/canary/listener.ts). After a promotion the installs that follow
 * the library move to the promoted version; after any other end they go back to the current one.
 */
export function installsFollowLibrary(ctx: InstallContext, opts: FollowOptions = {}) {
  const move = async (skill: string, version: string) => {
    const report = await refreshInstalls(ctx, skill, { version });
    opts.onReport?.(report);
    if (report.failed.length > 0) throw new Error(report.failed.map((f) => `${f.path}: ${f.error}`).join('; '));
  };
  return {
    onPromoted: (skill: string, version: string) => move(skill, version),
    onEnded: (skill: string, currentVersion: string) => move(skill, currentVersion),
  };
}
