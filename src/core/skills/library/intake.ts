import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SkillsmithError } from '../../errors';
import { refuseHighFindings, scanSkill } from '../scan/scan-skill';
import type { ScanFinding } from '../scan/types';
import { SKILL_MD_NAMES, skillMdSizeProblem } from '../skillmd/types';
import { validateSkillFolder } from '../skillmd/validate';
import { refuseSecrets, type SecretHit } from './secret-check';
import { assertSkillName, readFileSet, type FileSet } from './skill-files';

/** A skill folder from disk that passed validation, ready to be recorded. */
export interface IncomingSkill {
  name: string;
  files: FileSet;
  warnings: string[];
  /** What the injection scanner found (nothing high unless the intake was told to allow it). */
  findings: ScanFinding[];
  /** Secrets the user allowed (every other one refuses the skill), to record with the version. */
  allowedSecrets: SecretHit[];
}

export interface IntakeOptions {
  /**
   * Record a skill even when the injection scanner finds something high-severity: the explicit override.
   * The caller then quarantines the version it gets (see skills/scan/import-skill.ts).
   */
  allowQuarantined?: boolean;
  /** Fingerprints (or kinds) of secrets the user means to keep, such as a fake key in a tutorial. */
  allowSecrets?: readonly string[];
  /** The names the library holds: a new name that imitates one of them (same confusable skeleton) is high. */
  knownNames?: readonly string[];
}

/** A SKILL.md over the size limit is refused before it is parsed (a runaway file can be many megabytes). */
async function assertSkillMdSize(dir: string): Promise<void> {
  for (const name of SKILL_MD_NAMES) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const problem = skillMdSizeProblem(text.length);
    if (problem) throw new SkillsmithError(`${name} is ${problem}`, dir, 'move detail into files under references/ and keep SKILL.md to the steps');
    return;
  }
}

/**
 * Validates the skill folder at `folder`, reads it and scans it for injection. An invalid skill is refused
 * with all its errors; one with a high-severity finding is refused with the findings, unless allowed; one
 * holding a secret the user did not allow is refused, saying where (secret-check.ts).
 */
export async function readValidSkill(folder: string, options: IntakeOptions = {}): Promise<IncomingSkill> {
  const dir = resolve(folder);
  const info = await stat(dir).catch(() => undefined);
  if (info?.isFile()) throw new SkillsmithError('is a file, not a skill folder', dir, `give the folder that holds it: ${dirname(dir)}`);
  if (!info?.isDirectory()) throw new SkillsmithError(info ? 'is not a folder' : 'no such skill folder', dir, 'give the folder that holds SKILL.md');
  await assertSkillMdSize(dir);
  const report = await validateSkillFolder(dir);
  if (!report.valid) {
    throw new SkillsmithError(`not a valid skill: ${report.errors.join('; ')}`, dir, 'fix these and try again');
  }
  const name = report.name ?? basename(dir);
  assertSkillName(name);
  const files = await readFileSet(dir);
  const findings = scanSkill(name, [...files].map(([path, file]) => [path, file.bytes]), options.knownNames);
  if (!options.allowQuarantined) {
    refuseHighFindings(findings, dir, '', 'see `skillsmith scan FOLDER`; once you have reviewed it, `library add --allow-quarantined` records it quarantined');
  }
  const allowedSecrets = refuseSecrets(files, dir, options.allowSecrets);
  return { name, files, warnings: report.warnings, findings, allowedSecrets };
}
