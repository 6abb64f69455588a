import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { describeError, SkillsmithError } from '../../errors';
import {
  codePoints,
  compatibilityErrors,
  descriptionErrors,
  fieldShapeWarnings,
  metadataErrors,
  nameErrors,
  normalizeName,
  unknownFieldErrors,
} from './fields';
import { skillMdIn } from './find';
import { linkWarnings } from './links';
import { parseSkillMd } from './parse';
import { saysWhenToUse } from './trigger';
import { CHARS_PER_TOKEN, LIMITS, type ParsedSkillMd, type ValidationReport } from './types';

/**
 * Validates a SKILL.md's text against the specification: frontmatter and field rules (errors) and
 * advice on the description and body size (warnings). `folderName` '' skips the name/folder match.
 */
export function validateSkillText(text: string, folderName: string, where: string): ValidationReport {
  return checkText(text, folderName, where).report;
}

function checkText(text: string, folderName: string, where: string): { report: ValidationReport; parsed?: ParsedSkillMd } {
  let parsed: ParsedSkillMd;
  try {
    parsed = parseSkillMd(text, where);
  } catch (e) {
    return { report: report(where, undefined, [messageOf(e)], []) };
  }
  const { data } = parsed;
  const errors = [
    ...unknownFieldErrors(data),
    ...nameErrors(data, folderName),
    ...descriptionErrors(data),
    ...compatibilityErrors(data),
    ...metadataErrors(data),
  ];
  const warnings = [...fieldShapeWarnings(data), ...descriptionWarnings(data), ...bodyWarnings(parsed.body)];
  const name = typeof data.name === 'string' && data.name.trim() !== '' ? normalizeName(data.name) : undefined;
  return { report: report(where, name, errors, warnings), parsed };
}

/**
 * Validates a skill folder: its SKILL.md (or skill.md) by the text rules, with the name matched against
 * the folder's name, plus links from the body to files that are missing or outside the folder.
 * Never throws for a bad skill: every problem is in the report.
 */
export async function validateSkillFolder(dir: string): Promise<ValidationReport> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return report(dir, undefined, ['path does not exist'], []);
  if (!info.isDirectory()) return report(dir, undefined, ['not a directory: a skill is a folder containing SKILL.md'], []);
  const file = await skillMdIn(dir);
  if (!file) return report(dir, undefined, ['missing required file SKILL.md'], []);
  let text: string;
  try {
    text = decodeUtf8(await readFile(file), file);
  } catch (e) {
    return report(dir, undefined, [messageOf(e)], []);
  }
  const { report: result, parsed } = checkText(text, basename(resolve(dir)), dir);
  if (basename(file) !== 'SKILL.md') result.warnings.unshift(`file is named ${basename(file)}; the specification names it SKILL.md and some agents only load that name`);
  if (parsed) result.warnings.push(...(await linkWarnings(parsed.body, dir)));
  return result;
}

function descriptionWarnings(data: Record<string, unknown>): string[] {
  const description = data.description;
  if (typeof description !== 'string' || description.trim() === '' || saysWhenToUse(description)) return [];
  return ['description does not say when to use the skill; add a trigger such as "Use when ..." (agents choose skills by their description)'];
}

function bodyWarnings(body: string): string[] {
  const warnings: string[] = [];
  const content = body.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\s+$/, '');
  const lines = content === '' ? 0 : content.split('\n').length;
  if (lines > LIMITS.bodyLines) {
    warnings.push(`body is ${lines} lines, over the recommended ${LIMITS.bodyLines}; move detail into files under references/`);
  }
  const tokens = Math.round(codePoints(content) / CHARS_PER_TOKEN);
  if (tokens > LIMITS.bodyTokens) {
    warnings.push(
      `body is about ${tokens} tokens (estimated at ${CHARS_PER_TOKEN} characters per token), over the recommended ${LIMITS.bodyTokens}; move detail into files under references/`,
    );
  }
  return warnings;
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new SkillsmithError('file is not valid UTF-8 text', file);
  }
}

/** Report messages leave out the location: the report's path already says where. */
function messageOf(e: unknown): string {
  return e instanceof SkillsmithError ? e.message : describeError(e);
}

function report(path: string, name: string | undefined, errors: string[], warnings: string[]): ValidationReport {
  return { path, ...(name !== undefined ? { name } : {}), valid: errors.length === 0, errors, warnings };
}
