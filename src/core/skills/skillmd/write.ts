import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { SkillsmithError } from '../../errors';
import { applyEdits, asRead, planMapEdits, RENDER_OPTIONS } from './edit-map';
import { parseSkillMd } from './parse';
import { ALLOWED_FIELDS, type ParsedSkillMd, type SkillFrontmatter } from './types';

/** A change to a SKILL.md: fields to set (undefined values are skipped), fields to remove, a new body. */
export interface SkillMdChange {
  set?: Partial<Record<string, unknown>>;
  remove?: string[];
  /** Replaces everything after the closing `---` line, as given (line endings follow the file). */
  body?: string;
}

/**
 * Applies `change` to a SKILL.md and returns the new text. Everything it does not change stays byte for
 * byte: comments, field order, quoting, indentation, line endings and the body. A field set to an object
 * whose current value is a block mapping is merged key by key (keys not in the object are removed).
 * Throws a SkillsmithError naming `where` when the text has no valid frontmatter.
 */
export function updateSkillMd(text: string, change: SkillMdChange, where = 'SKILL.md'): string {
  const parsed = parseSkillMd(text, where);
  const set = definedEntries(change.set ?? {});
  const remove = change.remove ?? [];
  const yamlText = text.slice(parsed.span.yamlStart, parsed.span.yamlEnd);
  const newYaml = !changesData(parsed.data, set, remove)
    ? yamlText
    : parsed.map.flow
      ? renderYaml(applyChange(parsed.data, set, remove))
      : editYaml(parsed, yamlText, set, remove);
  const head = text.slice(0, parsed.span.yamlStart) + newYaml + text.slice(parsed.span.yamlEnd, parsed.span.bodyStart);
  const body = change.body === undefined ? parsed.body : withEol(change.body, parsed.eol);
  const result = head + body;
  assertApplied(result, parsed, set, remove);
  return result;
}

/** A new SKILL.md: specified fields first in the specification's order, then a blank line and the body. */
export function renderSkillMd(frontmatter: SkillFrontmatter | Record<string, unknown>, body: string): string {
  const fields = frontmatter as Record<string, unknown>;
  const known = ALLOWED_FIELDS.filter((k) => fields[k] !== undefined).map((k) => [k, fields[k]] as const);
  const others = Object.entries(fields).filter(([k, v]) => v !== undefined && !(ALLOWED_FIELDS as readonly string[]).includes(k));
  const yaml = renderYaml(Object.fromEntries([...known, ...others]));
  const content = body.replace(/^(?:[ \t]*\r?\n)+/, '');
  if (content.trim() === '') return `---\n${yaml}---\n`;
  return `---\n${yaml}---\n\n${content.endsWith('\n') ? content : content + '\n'}`;
}

function editYaml(parsed: ParsedSkillMd, yamlText: string, set: Record<string, unknown>, remove: string[]): string {
  const edits = planMapEdits(yamlText, parsed.document, parsed.map, set, remove);
  return applyEdits(
    yamlText,
    edits.map((e) => ({ ...e, text: withEol(e.text, parsed.eol) })),
  );
}

function renderYaml(data: Record<string, unknown>): string {
  return Object.keys(data).length === 0 ? '' : stringify(data, RENDER_OPTIONS);
}

function applyChange(data: Record<string, unknown>, set: Record<string, unknown>, remove: string[]): Record<string, unknown> {
  const next: Record<string, unknown> = { ...data, ...set };
  for (const key of remove) delete next[key];
  return next;
}

function definedEntries(set: Partial<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
}

function withEol(text: string, eol: '\n' | '\r\n'): string {
  return eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n');
}

function changesData(data: Record<string, unknown>, set: Record<string, unknown>, remove: string[]): boolean {
  return !sameData(data, asRead(applyChange(data, set, remove)));
}

/** The edit must read back as exactly the requested data; anything else would corrupt the skill. */
function assertApplied(result: string, before: ParsedSkillMd, set: Record<string, unknown>, remove: string[]): void {
  const after = parseSkillMd(result, before.where).data;
  if (!sameData(after, asRead(applyChange(before.data, set, remove)))) {
    throw new SkillsmithError('the frontmatter edit did not produce the requested fields; the file was left unchanged', before.where);
  }
}

/** Equal as data: key order does not matter. */
function sameData(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(sortKeys(a), sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
