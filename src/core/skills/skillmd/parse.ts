import { isMap, isSeq, parseDocument, type YAMLError } from 'yaml';
import { SkillsmithError } from '../../errors';
import type { ParsedSkillMd, SkillFrontmatter } from './types';

const DELIMITER = /^---[ \t]*$/;

interface Span {
  eol: '\n' | '\r\n';
  yamlStart: number;
  yamlEnd: number;
  bodyStart: number;
}

/**
 * Splits a SKILL.md into YAML frontmatter and Markdown body and parses the frontmatter.
 * Throws a SkillsmithError naming `where` when there is no frontmatter, it is not valid YAML, or it is not
 * a mapping.
 */
export function parseSkillMd(text: string, where: string): ParsedSkillMd {
  const span = locateFrontmatter(text, where);
  const yamlText = text.slice(span.yamlStart, span.yamlEnd);
  // failsafe: scalars stay strings, like the reference validator's strictyaml
  const document = parseDocument(yamlText, { schema: 'failsafe' });
  if (document.errors.length > 0) throw yamlError(document.errors[0], where);
  const map = document.contents;
  if (!isMap(map)) {
    const found = map === null ? 'it is empty' : isSeq(map) ? 'it is a list' : 'it is a single value';
    throw new SkillsmithError(`frontmatter must be a YAML mapping of fields (${found})`, where);
  }
  return {
    where,
    raw: text,
    eol: span.eol,
    document,
    map,
    data: document.toJS() as Record<string, unknown>,
    body: text.slice(span.bodyStart),
    span: { yamlStart: span.yamlStart, yamlEnd: span.yamlEnd, bodyStart: span.bodyStart },
  };
}

/** The YAML text between the "---" lines, unparsed; throws like `parseSkillMd` when there is none. */
export function frontmatterYaml(text: string, where: string): string {
  const span = locateFrontmatter(text, where);
  return text.slice(span.yamlStart, span.yamlEnd);
}

/** The specified fields when `name` and `description` are strings; other fields are kept only when well-typed. */
export function skillFrontmatterOf(data: Record<string, unknown>): SkillFrontmatter | undefined {
  const { name, description, license, compatibility, metadata } = data;
  if (typeof name !== 'string' || typeof description !== 'string') return undefined;
  const fm: SkillFrontmatter = { name: name.trim(), description: description.trim() };
  if (typeof license === 'string') fm.license = license;
  if (typeof compatibility === 'string') fm.compatibility = compatibility;
  const tools = data['allowed-tools'];
  if (typeof tools === 'string') fm['allowed-tools'] = tools;
  else if (Array.isArray(tools)) fm['allowed-tools'] = tools.map(String).join(' ');
  if (isPlainObject(metadata)) {
    fm.metadata = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  }
  return fm;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function locateFrontmatter(text: string, where: string): Span {
  if (text.startsWith('\uFEFF')) {
    throw new SkillsmithError('file starts with a byte-order mark; the frontmatter "---" must be the very first bytes', where);
  }
  const first = readLine(text, 0);
  if (!DELIMITER.test(first.line)) {
    throw new SkillsmithError('no YAML frontmatter: the file must start with a "---" line', where);
  }
  const eol = text.slice(first.end - 2, first.end) === '\r\n' ? '\r\n' : '\n';
  for (let pos = first.end; pos < text.length; ) {
    const { line, end } = readLine(text, pos);
    if (DELIMITER.test(line)) return { eol, yamlStart: first.end, yamlEnd: pos, bodyStart: end };
    pos = end;
  }
  throw new SkillsmithError('frontmatter is not closed: no "---" line after the opening one', where);
}

/** The line starting at `start` without its line ending, and the offset just past that ending. */
function readLine(text: string, start: number): { line: string; end: number } {
  const nl = text.indexOf('\n', start);
  const stop = nl === -1 ? text.length : nl;
  const line = text.slice(start, stop).replace(/\r$/, '');
  return { line, end: nl === -1 ? text.length : nl + 1 };
}

function yamlError(e: YAMLError, where: string): SkillsmithError {
  const head = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  // +1: the opening "---" line comes before the YAML text
  const line = e.linePos ? ` (line ${e.linePos[0].line + 1})` : '';
  return new SkillsmithError(`frontmatter is not valid YAML${line}: ${head}`, where);
}
