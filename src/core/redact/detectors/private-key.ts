import type { Detector, Finding } from '../types';

/** `-----BEGIN RSA PRIVATE KEY-----`, `BEGIN OPENSSH PRIVATE KEY`, `BEGIN PGP PRIVATE KEY BLOCK`, `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----`. */
const BEGIN = /-{4,5} ?BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)? ?-{4,5}/g;
const END = /-{4,5} ?END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)? ?-{4,5}/;
/** Line breaks, raw or escaped inside a JSON string, and indentation. */
const SEPARATOR = /(?:\s|\\[nr])+/y;
/** Armor headers of encrypted keys: `Proc-Type: 4,ENCRYPTED`, `DEK-Info: AES-128-CBC,...`. */
const HEADER = /[A-Za-z][A-Za-z-]*: [^\n\r\\]*/y;
const BASE64 = /[A-Za-z0-9+/=]+/y;

/** A key has at least one run of base64 this long (a PEM line is 64); words of prose are shorter. */
const MIN_RUN = 16;
/** How far to look for the END marker; the largest keys (RSA-8192, PGP) stay well under this. */
const MAX_BLOCK = 16_384;
const BETWEEN_MARKERS = /^[A-Za-z0-9+/=\s\\:,.-]*$/;
const KEY_RUN = new RegExp(`[A-Za-z0-9+/=]{${MIN_RUN},}`);

/**
 * Every private-key block, including one cut off before its END marker (a truncated tool output still leaks
 * the key's first lines): then the span runs over the key's lines up to the first thing that is not one.
 */
export const findPrivateKeys: Detector = (text: string, out: Finding[]) => {
  BEGIN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BEGIN.exec(text)) !== null) {
    const from = m.index + m[0].length;
    const end = completeBlockEnd(text, from) ?? truncatedBlockEnd(text, from);
    if (end === undefined) continue;
    out.push({ type: 'private-key', start: m.index, end });
    BEGIN.lastIndex = end;
  }
};

/** The end of the END marker, when key material (and nothing else) sits between the markers. */
function completeBlockEnd(text: string, from: number): number | undefined {
  const end = END.exec(text.slice(from, from + MAX_BLOCK));
  if (!end) return undefined;
  const between = text.slice(from, from + end.index);
  if (!BETWEEN_MARKERS.test(between) || !KEY_RUN.test(between)) return undefined;
  return from + end.index + end[0].length;
}

/**
 * A block without its END marker: armor headers, then whole base64 lines (a run ending at a line break,
 * raw or `\n`-escaped, or at the end of the text), or a long run where the text was cut mid-line.
 */
function truncatedBlockEnd(text: string, from: number): number | undefined {
  let i = from;
  let end = from;
  let longest = 0;
  for (;;) {
    i = skip(SEPARATOR, text, i);
    const header = longest === 0 ? match(HEADER, text, i) : 0;
    if (header > 0) {
      i += header;
      continue;
    }
    const run = match(BASE64, text, i);
    const atLineEnd = i + run === text.length || /[\r\n\\]/.test(text[i + run]!);
    if (run === 0 || (!atLineEnd && run < 40)) break;
    i += run;
    end = i;
    longest = Math.max(longest, run);
    if (!atLineEnd) break;
  }
  return longest >= MIN_RUN ? end : undefined;
}

function match(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0].length : 0;
}

function skip(re: RegExp, text: string, at: number): number {
  return at + match(re, text, at);
}
