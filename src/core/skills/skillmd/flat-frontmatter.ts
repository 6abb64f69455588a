/*
 * Most SKILL.md frontmatter is a few `key: plain text` lines. Reading those needs no YAML parser, and
 * listing thousands of skills spends most of its time in one. Anything else (quotes, block scalars, nested
 * maps, lists, comments after a value, a repeated key) is left to the parser, so the answer never differs.
 */

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):[ ]+(\S.*)$/;
/** Characters that give a value's first character a YAML meaning of its own. */
const INDICATORS = new Set('-?:,[]{}#&*!|>\'"%@`');

/**
 * The fields of a frontmatter made only of `key: value` lines whose values YAML reads as the plain text
 * written (blank lines and whole-line comments allowed), or undefined when it is anything more.
 */
export function flatFrontmatter(yaml: string): Map<string, string> | undefined {
  const fields = new Map<string, string>();
  for (const raw of yaml.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (/^ *$/.test(line) || line.startsWith('#')) continue;
    const match = KEY_LINE.exec(line);
    if (!match || fields.has(match[1]!) || !isPlainText(match[2]!)) return undefined;
    fields.set(match[1]!, match[2]!.trimEnd());
  }
  return fields.size > 0 ? fields : undefined;
}

function isPlainText(value: string): boolean {
  if (INDICATORS.has(value[0]!)) return false;
  // ': ' or a final ':' starts a mapping, ' #' a comment; tabs and control characters have rules of their own
  if (value.includes(': ') || value.trimEnd().endsWith(':') || value.includes(' #')) return false;
  return !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value);
}
