import { SkillsmithError } from '../core/errors';

export function parsePositiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < 1) throw new SkillsmithError(`must be a whole number ≥ 1 (got ${JSON.stringify(text)})`, flag);
  return n;
}

export function parseScore(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\s*\d*\.?\d+\s*$/.test(text) || n < 0 || n > 1) throw new SkillsmithError(`must be a number from 0 to 1 (got ${JSON.stringify(text)})`, flag);
  return n;
}
