import { SkillsmithError } from '../core/errors';

/**
 * A value given to an option that the option cannot take: a usage error (exit 2, as the README reserves),
 * not a failure of the command. Any SkillsmithError whose `where` is a flag (`--k`) counts as one too.
 */
export class UsageError extends SkillsmithError {}

/** Whether `e` is about how the command was called rather than about what it worked on. */
export function isUsageError(e: unknown): boolean {
  return e instanceof UsageError || (e instanceof SkillsmithError && /^--[a-z]/.test(e.where ?? ''));
}

export function parsePositiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < 1) throw new UsageError(`must be a whole number ≥ 1 (got ${JSON.stringify(text)})`, flag);
  return n;
}

export function parseScore(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\s*\d*\.?\d+\s*$/.test(text) || n < 0 || n > 1) throw new UsageError(`must be a number from 0 to 1 (got ${JSON.stringify(text)})`, flag);
  return n;
}
