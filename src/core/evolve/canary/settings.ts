import { SkillsmithError } from '../../errors';
import { checkShape, DEFAULT_GATE_SHAPE } from './gate';

/** How canaries run; each canary copies these when it starts. */
export interface CanarySettings {
  /** Share of sessions served the candidate, between 0 and 1 exclusive. */
  share: number;
  /** Sessions per arm at the last look. */
  maxSessionsPerArm: number;
  /** Planned looks, equally spaced up to `maxSessionsPerArm`. */
  looks: number;
  /** A canary that has not reached its last look this many days after it started expires. */
  expireAfterDays: number;
}

export const DEFAULT_CANARY_SETTINGS: CanarySettings = {
  share: 0.5,
  maxSessionsPerArm: DEFAULT_GATE_SHAPE.maxPerArm,
  looks: DEFAULT_GATE_SHAPE.looks,
  expireAfterDays: 14,
};

/** Defaults overlaid with `given`, each value checked; a bad one is a one-line error naming the setting. */
export function canarySettings(given: Partial<CanarySettings> = {}): CanarySettings {
  const s = { ...DEFAULT_CANARY_SETTINGS, ...given };
  if (!(s.share > 0 && s.share < 1)) throw new SkillsmithError(`must be between 0 and 1 (exclusive), got ${s.share}`, 'canary share');
  if (!(s.expireAfterDays > 0)) throw new SkillsmithError(`must be a positive number of days, got ${s.expireAfterDays}`, 'canary expireAfterDays');
  try {
    checkShape({ maxPerArm: s.maxSessionsPerArm, looks: s.looks });
  } catch (e) {
    throw new SkillsmithError((e as Error).message, 'canary settings');
  }
  return s;
}
