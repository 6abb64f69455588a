import type { CanaryState } from './types';

/**
 * What the rest of Skillsmith hears when a canary ends, so installs follow: after a promotion every install
 * of the skill moves to the new version; after any other end the ones serving the candidate go back to
 * `currentVersion`, the library's version now (after a hand edit that is the user's version, not the one the
 * canary started from).
 * A listener that throws does not undo the decision (the library already changed); its error is reported.
 */
export interface CanaryListener {
  onPromoted?(skill: string, version: string): void | Promise<void>;
  onEnded?(skill: string, currentVersion: string, state: Exclude<CanaryState, 'running' | 'promoted'>, reason: string): void | Promise<void>;
}
