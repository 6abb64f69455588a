import { isPlainObject } from './parse';
import { normalizeName, skillNameProblems } from './name-rule';
import { ALLOWED_FIELDS, LIMITS } from './types';

/** Field rules of the specification, as the reference validator applies them. Each returns error messages. */

const ALLOWED = new Set<string>(ALLOWED_FIELDS);

export function unknownFieldErrors(data: Record<string, unknown>): string[] {
  const extra = Object.keys(data).filter((k) => !ALLOWED.has(k)).sort();
  if (extra.length === 0) return [];
  return [`unknown frontmatter field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')} (allowed: ${ALLOWED_FIELDS.join(', ')})`];
}

export { normalizeName } from './name-rule';

/** `folderName` '' skips the folder match (text seen without its folder). */
export function nameErrors(data: Record<string, unknown>, folderName: string): string[] {
  if (!('name' in data)) return ['missing required field "name"'];
  const raw = data.name;
  if (typeof raw !== 'string' || raw.trim() === '') return ['field "name" must be a non-empty string'];
  const name = normalizeName(raw);
  const errors = skillNameProblems(raw);
  if (folderName !== '' && folderName.normalize('NFKC') !== name) {
    errors.push(`name "${name}" does not match its folder name "${folderName}"`);
  }
  return errors;
}

export function descriptionErrors(data: Record<string, unknown>): string[] {
  if (!('description' in data)) return ['missing required field "description"'];
  const description = data.description;
  if (typeof description !== 'string' || description.trim() === '') return ['field "description" must be a non-empty string'];
  const length = codePoints(description);
  if (length > LIMITS.description) {
    return [`description is ${length} characters, over the ${LIMITS.description}-character limit`];
  }
  return [];
}

export function compatibilityErrors(data: Record<string, unknown>): string[] {
  if (!('compatibility' in data)) return [];
  const compatibility = data.compatibility;
  if (typeof compatibility !== 'string') return ['field "compatibility" must be a string'];
  const length = codePoints(compatibility);
  if (length > LIMITS.compatibility) {
    return [`compatibility is ${length} characters, over the ${LIMITS.compatibility}-character limit`];
  }
  return [];
}

export function metadataErrors(data: Record<string, unknown>): string[] {
  // an empty `metadata:` reads as no metadata, not as a wrong type
  if (!('metadata' in data) || data.metadata === '') return [];
  return isPlainObject(data.metadata) ? [] : ['field "metadata" must be a mapping of keys to string values'];
}

/** Shapes the specification asks for but the reference validator lets through: warned, not rejected. */
export function fieldShapeWarnings(data: Record<string, unknown>): string[] {
  const warnings: string[] = [];
  if (isPlainObject(data.metadata)) {
    for (const [key, value] of Object.entries(data.metadata)) {
      if (typeof value !== 'string') warnings.push(`metadata "${key}" should be a string value, not a ${Array.isArray(value) ? 'list' : 'mapping'}`);
    }
  }
  for (const field of ['license', 'allowed-tools'] as const) {
    if (field in data && typeof data[field] !== 'string') {
      const hint = field === 'allowed-tools' ? ' (a space-separated list of tools)' : '';
      warnings.push(`field "${field}" should be a string${hint}`);
    }
  }
  return warnings;
}

/** Length as the specification counts it: Unicode code points, not UTF-16 units. */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
