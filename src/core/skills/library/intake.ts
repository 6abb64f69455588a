import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { SkillsmithError } from '../../errors';
import { validateSkillFolder } from '../skillmd/validate';
import { assertSkillName, readFileSet, type FileSet } from './skill-files';

/** A skill folder from disk that passed validation, ready to be recorded. */
export interface IncomingSkill {
  name: string;
  files: FileSet;
  warnings: string[];
}

/** Validates the skill folder at `folder` and reads it; an invalid skill is refused with all its errors. */
export async function readValidSkill(folder: string): Promise<IncomingSkill> {
  const dir = resolve(folder);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new SkillsmithError('no such skill folder', dir, 'give the folder that holds SKILL.md');
  const report = await validateSkillFolder(dir);
  if (!report.valid) {
    throw new SkillsmithError(`not a valid skill: ${report.errors.join('; ')}`, dir, 'fix these and try again');
  }
  const name = report.name ?? basename(dir);
  assertSkillName(name);
  return { name, files: await readFileSet(dir), warnings: report.warnings };
}
