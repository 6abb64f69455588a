import type { Detector, Finding } from '../types';
import { charTable, forEachRun } from './runs';

/**
 * Unlabeled secrets: a long run of token characters that reads as random (the keys a cloud CLI lists, a
 * key pasted alone on a line). Tuned on real sessions to leave alone what also looks random there: hashes
 * and digests (hex, `sha512-…`, `h1:…`), certificate bodies, identifiers with a word prefix (`toolu_01…`,
 * `msg_…`: tool call ids must survive, they link calls to results), camelCase names and paths.
 */
const MAX_LENGTH = 256;
/** Bits per character: random base64 of this length is well above it, English-like identifiers well below. */
const MIN_ENTROPY = 4.1;
/** Share of neighbouring characters of different classes (upper, lower, digit, other): random text changes often. */
const MIN_SWITCHES = 0.42;

/** Characters of a run: `+/_-` inside, `=` as padding, `.` ends a candidate but joins a run (`a.b.c` is a name). */
const RUN = charTable('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-=.');

/** One pass over the text's runs of token characters (a regex retried at every position inside a run was the cost). */
/** One pass over the text's runs of token characters (a regex retried at every position inside a run was the cost). */
/** One pass over the text's runs of token characters (a regex retried at every position inside a run was the cost). */
export const findHighEntropy: Detector = (text: string, out: Finding[]) => {
  forEachRun(text, RUN, 32, (start, end) => {
    // `=` padding ends a value: `NAME=value` is a name and a value, not one run
    let from = start;
    while (from < end) {
      let to = text.indexOf('=', from);
      if (to < 0 || to >= end) to = end;
      while (to < end && text[to] === '=') to++;
      if (to - from >= 32) consider(text, from, to, out);
      from = to;
    }
  });
};

function consider(text: string, runStart: number, runEnd: number, out: Finding[]): void {
  const run = text.slice(runStart, runEnd);
  // a run joined by dots is a name (`com.example.Foo`) or a JWT (its own detector); leading `/` `+` belong to a path
  if (run.includes('.') || !/^[A-Za-z0-9]/.test(run)) return;
  if (!looksRandom(run) || isDigestOrId(text, runStart, run) || insideCertificate(text, runStart)) return;
  out.push({ type: 'high-entropy', start: runStart, end: runEnd });
}

export function looksRandom(value: string): boolean {
  const v = value.replace(/=+$/, '');
  if (v.length < 32 || v.length > MAX_LENGTH) return false;
  if (!/[A-Z]/.test(v) || !/[a-z]/.test(v) || !/\d/.test(v)) return false;
  if (/^[0-9a-f_-]+$/i.test(v) && !/[g-z]/i.test(v)) return false; // hex, UUIDs
  if (v.includes('/') && v.split('/').some((part) => /^[a-z]{3,}$/.test(part))) return false; // a path with words
  return switchRate(v) >= MIN_SWITCHES && entropy(v) >= MIN_ENTROPY;
}

function isDigestOrId(text: string, start: number, value: string): boolean {
  const before = text.slice(Math.max(0, start - 12), start);
  if (/(?:sha\d{1,3}|md5|h1|sha)[-:=]$/i.test(before) || /base64,$/.test(before) || /^(?:sha\d{1,3}|md5)[-:=]/i.test(value)) return true;
  // `toolu_01…`, `msg_01…`, `req_011C…`, `call_…`: an id of the agent's own, by its word prefix
  return /^[a-z]{2,12}[_-][A-Za-z0-9]/.test(value) && !/^[a-z]{2,12}[_-][a-z]{2,12}[_-]/.test(value);
}

/** Inside a PEM block of a public kind (a certificate): private keys have their own detector. */
function insideCertificate(text: string, at: number): boolean {
  const from = Math.max(0, at - 8192);
  const begin = text.lastIndexOf('-----BEGIN ', at);
  if (begin < from) return false;
  const end = text.lastIndexOf('-----END ', at);
  return end < begin && !/PRIVATE/.test(text.slice(begin, begin + 40));
}

function classOf(c: string): number {
  if (c >= 'a' && c <= 'z') return 0;
  if (c >= 'A' && c <= 'Z') return 1;
  if (c >= '0' && c <= '9') return 2;
  return 3;
}

function switchRate(v: string): number {
  let switches = 0;
  for (let i = 1; i < v.length; i++) if (classOf(v[i]!) !== classOf(v[i - 1]!)) switches++;
  return switches / (v.length - 1);
}

function entropy(v: string): number {
  const counts = new Map<string, number>();
  for (const c of v) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / v.length;
    h -= p * Math.log2(p);
  }
  return h;
}
