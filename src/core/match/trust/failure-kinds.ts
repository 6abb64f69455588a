import { SkillsmithError } from '../../errors';

/** Why a skill version failed, as a person rejecting it (or a scorer) names it. */
export const FAILURE_KINDS = {
  'wrong-approach': 'the steps do not fit the task; another way was needed',
  incorrect: 'the steps are wrong: commands, paths or facts',
  outdated: 'it was right once; the project or the tools have moved on',
  incomplete: 'it leaves out steps the task needs',
  'tool-error': 'a command it prescribes fails',
  unsafe: 'it does something harmful or leaks data (the version is quarantined)',
  other: 'none of the above',
} as const;

export type FailureKind = keyof typeof FAILURE_KINDS;

export function parseFailureKind(text: string): FailureKind {
  const kind = text.trim().toLowerCase().replace(/_/g, '-');
  if (kind in FAILURE_KINDS) return kind as FailureKind;
  throw new SkillsmithError(`unknown failure kind "${text}"`, 'trust', `use one of ${Object.keys(FAILURE_KINDS).join(', ')}`);
}
