import { secretNameType, weakSecretName, type WeakSecretName } from '../secret-names';
import type { Detector, Finding, SecretType } from '../types';
import { isCodeReference, isEnvName, isGeneratedKey, isMetadataValue, isStandInValue, isWordLike, looksGenerated } from './values';

/**
 * Values assigned to secret-looking names: `.env` lines, `export X="…"`, YAML and header lines, JSON and
 * dict entries, code literals, `--password=…` flags. Only the value is redacted; the name stays readable.
 *
 * The scan is anchored on the few words secret names contain, so ordinary `key=value` text costs one regex
 * pass and nothing else.
 */
const KEYWORD = /pass|pwd|secret|token|key|auth|credential|cookie/gi;
const NAME_CHAR = /[\w.-]/;
const MAX_NAME = 64;

interface Site {
  type: SecretType;
  /** The name sat at the start of a line (YAML, .env, headers), after `export`, or was a `--flag`. */
  lineStart: boolean;
  flag: boolean;
  keyQuoted: boolean;
  envStyle: boolean;
  separator: string;
  /** Where the value starts, after the separator and spaces. */
  valueAt: number;
  /** Set when only the value can tell (`REDIS_CACHE_PASSWORD`, `password_min_length`). */
  weak?: WeakSecretName;
  name?: string;
}

export const findAssignments: Detector = (text: string, out: Finding[]) => {
  KEYWORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEYWORD.exec(text)) !== null) {
    const [start, end] = nameBounds(text, m.index, m.index + m[0].length);
    KEYWORD.lastIndex = end;
    const site = assignmentSite(text, start, end);
    if (!site) continue;
    const value = readValue(text, site);
    if (value && (!site.weak || weakValueIsSecret(text.slice(value.start, value.end), site, site.weak))) out.push({ type: site.type, start: value.start, end: value.end });
  }
};

function nameBounds(text: string, from: number, to: number): [number, number] {
  let s = from;
  while (s > 0 && from - s < MAX_NAME && NAME_CHAR.test(text[s - 1]!)) s--;
  let e = to;
  while (e < text.length && e - to < MAX_NAME && NAME_CHAR.test(text[e]!)) e++;
  return [s, e];
}

function assignmentSite(text: string, rawStart: number, end: number): Site | undefined {
  let start = rawStart;
  while (text[start] === '-') start++;
  const flag = start - rawStart === 2;
  const name = text.slice(start, end);
  const strong = secretNameType(name);
  const weak = strong ? undefined : weakSecretName(name);
  const type = strong ?? weak?.type;
  if (!type) return undefined;
  const before = text[rawStart - 1];
  // URL query parameters have their own detector; `$NAME` is a reference
  if (before === '?' || before === '&' || before === '$') return undefined;
  // `cond ? apiKey : 'fallback'` is a ternary, not an entry
  if (/\?\s*$/.test(text.slice(Math.max(0, rawStart - 8), rawStart))) return undefined;
  const keyQuote = quoteBefore(text, rawStart);
  let i = end;
  if (keyQuote) {
    if (!text.startsWith(keyQuote, i)) return undefined;
    i += keyQuote.length;
  }
  const afterName = skipBlanks(text, i);
  const separator = /^(?::=|=>|=|:)/.exec(text.slice(afterName, afterName + 2))?.[0];
  if (!separator) return flag && afterName > i ? flagSite(type, text, afterName) : undefined;
  const next = text[afterName + separator.length];
  if (next === '=' || (separator === ':' && next === ':')) return undefined;
  const valueAt = skipBlanks(text, afterName + separator.length);
  const tight = afterName === i && valueAt === afterName + separator.length;
  const lineStart = flag || startsLine(text, rawStart - keyQuote.length);
  // `--- PASS: TestLogin/valid_user`: test runners print the bare word as a status; `pass: x` on its own line is YAML
  if (separator === ':' && !lineStart && !keyQuote && /^pass$/i.test(name)) return undefined;
  const envStyle = separator === '=' && tight && (lineStart || /^[A-Z][A-Z0-9_]*$/.test(name));
  return { type, lineStart, flag, keyQuoted: keyQuote !== '', envStyle, separator, valueAt, weak, name };
}

/** A secret word's value is a secret unless plainly metadata; a key name's only when it looks generated. */
function weakValueIsSecret(value: string, site: Site, weak: WeakSecretName): boolean {
  if (weak.strength === 'key') return isGeneratedKey(value, site.envStyle || site.name !== undefined && isEnvName(site.name));
  return !isMetadataValue(value, !site.envStyle);
}

/** `--password hunter2`: a flag and its value separated by a space. */
function flagSite(type: SecretType, text: string, valueAt: number): Site | undefined {
  if (text[valueAt] === '-') return undefined;
  return { type, lineStart: true, flag: true, keyQuoted: false, envStyle: true, separator: ' ', valueAt };
}

function quoteBefore(text: string, at: number): string {
  const q = text[at - 1];
  if (q !== '"' && q !== "'") return '';
  return text[at - 2] === '\\' ? `\\${q}` : q;
}

function skipBlanks(text: string, at: number): number {
  let i = at;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** Nothing but indentation, a list dash or `export`/`set` between the line's start (raw or `\n`-escaped) and `at`. */
function startsLine(text: string, at: number): boolean {
  const from = Math.max(0, at - 40);
  const prefix = text.slice(from, at);
  const lead = /(?:\n|\r|\\n|\\r)[ \t]*(?:- +|export +|set +|declare(?: -\w+)? +)?$/;
  if (lead.test(prefix)) return true;
  return from === 0 && /^[ \t]*(?:- +|export +|set +|declare(?: -\w+)? +)?$/.test(prefix);
}

interface Span {
  start: number;
  end: number;
}

function readValue(text: string, site: Site): Span | undefined {
  const at = site.valueAt;
  const c = text[at];
  if (c === undefined) return undefined;
  if (c === '"' || c === "'" || c === '`' || (c === '\\' && (text[at + 1] === '"' || text[at + 1] === "'"))) {
    const span = readQuoted(text, at);
    return isLiteralSecret(text.slice(span.start, span.end), site) ? span : undefined;
  }
  if (site.envStyle) {
    // a `.env` line holds the value up to the next space; on a command line the shell's operators end it
    const dotEnv = site.lineStart && !site.flag;
    return accept(text, dotEnv ? runOf(text, at, /[^\s'"`\\]/) : shellWord(text, at), (v) => !/\(/.test(v));
  }
  if (site.keyQuoted) {
    if (c === '{' || c === '[') return undefined;
    return accept(text, runOf(text, at, /[^\s,}\]\\"]/), (v) => !isCodeReference(v) && isLiteralSecret(v, site));
  }
  if (site.lineStart && site.separator === ':') return readLineValue(text, at);
  return accept(text, runOf(text, at, /[^\s,;'"`(){}[\]<>\\?:]/), (v) => looksGenerated(v) && !isPath(v));
}

/**
 * A literal assigned to a secret name. Tokens and keys never contain spaces (passphrases may); in JSON and
 * code a plain word under a token-ish name is a name (`"cookie": "cookie-parser"`), while a `.env` or
 * `export` line is trusted as written.
 */
function isLiteralSecret(value: string, site: Site): boolean {
  if (isStandInValue(value)) return false;
  if (site.type !== 'password' && /[^\x21-\x7e]/.test(value)) return false;
  if (/\s/.test(value.trim())) return site.type === 'password';
  // a line of its own is a setting (`.env`, YAML), but `Name = "Word-Like"` with spaces around `=` is code
  const trusted = site.envStyle || (site.lineStart && !site.keyQuoted && site.separator !== '=');
  return trusted || site.type === 'password' || !isWordLike(value);
}

/** Longer than any key we know (an escaped RSA-4096 PEM is under 4 KB); bounds the work on an unclosed quote. */
const MAX_QUOTED = 16_384;

/**
 * The inside of a quoted value, escapes honored. An unterminated one (a cut-off line) runs to the first
 * whitespace: what a token would be.
 */
function readQuoted(text: string, at: number): Span {
  const escapedQuote = text[at] === '\\';
  const quote = escapedQuote ? text[at + 1]! : text[at]!;
  const start = at + (escapedQuote ? 2 : 1);
  const limit = Math.min(text.length, start + MAX_QUOTED);
  for (let i = start; i < limit && text[i] !== '\n' && text[i] !== '\r'; i++) {
    if (text[i] !== '\\') {
      // inside an escaped string a bare quote ends the outer string too
      if (text[i] === quote) return { start, end: i };
      continue;
    }
    const next = text[i + 1];
    if (escapedQuote && (next === quote || next === 'n' || next === 'r')) return { start, end: i };
    if (!escapedQuote) i++;
  }
  return runOf(text, start, /\S/);
}

/**
 * `password: …` at the start of a line: YAML, an HTTP header, or prose. A single token is a value unless it
 * is a plain lower-case word ("Password: required"); a phrase only when its first token looks generated;
 * a line ending in `;` or `,` is code (`password: string;`) and needs a generated-looking value.
 */
function readLineValue(text: string, at: number): Span | undefined {
  let end = at;
  while (end < text.length && !/[\n\r\\"]/.test(text[end]!)) end++;
  let line = text.slice(at, end);
  const comment = line.search(/\s#/);
  if (comment >= 0) line = line.slice(0, comment);
  line = line.trimEnd();
  if (line === '' || /^[{[|>&*!]/.test(line)) return undefined;
  if (/\s/.test(line)) {
    const first = /^\S+/.exec(line)![0];
    if (isPath(first.replace(/[,;]+$/, ''))) return undefined;
    return looksGenerated(first) && !isStandInValue(first) ? { start: at, end: at + first.length } : undefined;
  }
  const code = /[;,]$/.test(line);
  const value = line.replace(/[;,]+$/, '');
  if (isStandInValue(value) || isCodeReference(value)) return undefined;
  // `Frontend auth: /frontend/src/auth/Provider.tsx`: a path is where a thing is, not a secret
  if (isPath(value)) return undefined;
  if (code ? !looksGenerated(value) : /^[a-z]+$/.test(value)) return undefined;
  return { start: at, end: at + value.length };
}

const SHELL_OPERATOR = /[;&|<>)]/;

/**
 * A value on a command line, up to the shell operator that ends it (`&&`, `; `, `| `). An operator
 * character inside the word (`Tr0ub4dor&3x`) is part of the value: stopping there would leave its tail.
 */
function shellWord(text: string, at: number): Span {
  let i = at;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (/[\s'"`\\]/.test(c)) break;
    if (!SHELL_OPERATOR.test(c)) continue;
    const next = text[i + 1];
    if (c === ')' || next === undefined || /\s/.test(next) || SHELL_OPERATOR.test(next)) break;
  }
  return { start: at, end: i };
}

function isPath(value: string): boolean {
  return /^(?:\/|\.{1,2}\/|~\/)[\w./-]*\/[\w.-]+$/.test(value);
}

function runOf(text: string, at: number, char: RegExp): Span {
  let i = at;
  while (i < text.length && char.test(text[i]!)) i++;
  return { start: at, end: i };
}

function accept(text: string, span: Span, test: (value: string) => boolean): Span | undefined {
  let end = span.end;
  while (end > span.start && /[,;.]/.test(text[end - 1]!)) end--;
  const value = text.slice(span.start, end);
  if (value === '' || isStandInValue(value) || !test(value)) return undefined;
  return { start: span.start, end };
}
