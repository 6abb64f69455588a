import { findJwts } from './detectors/jwt';
import { findProviderTokens } from './detectors/provider-tokens';
import { charTable, forEachRun } from './detectors/runs';
import { specificity, type Detector, type Finding, type SecretType } from './types';

/**
 * Secrets the detectors cannot see as written: inside base64 (`echo … | base64 -d`, a Kubernetes secret),
 * written with JSON `\uXXXX` escapes inside a file's text, or wrapped over two lines by a terminal. Each is
 * decoded into a view, the detectors run on the view, and what they find is mapped back to the original
 * span, which is redacted whole.
 */
export function findDecoded(text: string, detectors: readonly Detector[], out: Finding[]): void {
  if (text.includes('\\u00')) findInUnicodeEscapes(text, detectors, out);
  findInBase64(text, detectors, out);
  findWrapped(text, out);
}

/** Base64 characters; `-` and `_` join a run too, so that base64url and identifiers are not cut into pieces. */
const BASE64_RUN = charTable('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-');
/** Bigger than any secret's encoding worth decoding: an image or an archive. */
const MAX_BASE64 = 8_192;

function findInBase64(text: string, detectors: readonly Detector[], out: Finding[]): void {
  forEachRun(text, BASE64_RUN, 20, (start, end) => {
    const run = text.slice(start, end);
    // encoded text mixes cases and digits and comes in whole groups of four (`base64` pads its output)
    if (run.length > MAX_BASE64 || run.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(run)) return;
    if (!/\d/.test(run) || !/[a-z]/.test(run) || !/[A-Z]/.test(run)) return;
    const decoded = Buffer.from(run, 'base64').toString('latin1');
    if (!isPrintable(decoded)) return;
    const type = strongest(detectAll(decoded, detectors));
    if (type) out.push({ type, start, end });
  });
}

/** Mostly printable ASCII: text, not the bytes of a hash or an image. */
function isPrintable(s: string): boolean {
  if (s.length < 8) return false;
  let printable = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09) printable++;
  }
  return printable / s.length >= 0.95;
}

/** A `\uXXXX` escape of a printable ASCII character: how text hides a token from a pattern (non-ASCII escapes are just text). */
const ASCII_ESCAPE = /\\u00[2-7][0-9a-fA-F]/g;
/** Around an escape, as far as a token could reach. */
const ESCAPE_REACH = 256;

/**
 * Views of `text` around its ASCII `\uXXXX` escapes, decoded; each view character knows its span in the
 * original. Only the windows are decoded: a long file with a few escapes costs little.
 */
function findInUnicodeEscapes(text: string, detectors: readonly Detector[], out: Finding[]): void {
  ASCII_ESCAPE.lastIndex = 0;
  let windowStart = -1;
  let windowEnd = -1;
  for (const m of text.matchAll(ASCII_ESCAPE)) {
    const from = Math.max(0, m.index - ESCAPE_REACH);
    if (windowEnd >= 0 && from <= windowEnd) {
      windowEnd = Math.min(text.length, m.index + 6 + ESCAPE_REACH);
      continue;
    }
    if (windowEnd >= 0) decodeWindow(text, windowStart, windowEnd, detectors, out);
    windowStart = from;
    windowEnd = Math.min(text.length, m.index + 6 + ESCAPE_REACH);
  }
  if (windowEnd >= 0) decodeWindow(text, windowStart, windowEnd, detectors, out);
}

function decodeWindow(text: string, start: number, end: number, detectors: readonly Detector[], out: Finding[]): void {
  let view = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = start; i < end; ) {
    const m = text[i] === '\\' && text[i + 1] === 'u' ? /^[0-9a-fA-F]{4}/.exec(text.slice(i + 2, i + 6)) : null;
    const width = m ? 6 : 1;
    view += m ? String.fromCharCode(parseInt(m[0], 16)) : text[i];
    from.push(i);
    to.push(i + width);
    i += width;
  }
  for (const f of detectAll(view, detectors)) out.push({ type: f.type, start: from[f.start]!, end: to[f.end - 1]! });
}

const WRAP_CHAR = /[A-Za-z0-9_+/=.-]/;
const MAX_PART = 300;
/**
 * Format detectors only: they need the whole token to match, so a match across the break is a wrapped token.
 * Not the entropy rule: a commit hash and the word on the next line (`Author`) read as random when joined.
 */
const FORMAT_DETECTORS: readonly Detector[] = [findProviderTokens, findJwts];

/**
 * `…the last chars of a line` + line break + `the first chars of the next`: a token a terminal wrapped. The
 * piece before the break must hold a digit (tokens do, the words that end most lines do not).
 */
function findWrapped(text: string, out: Finding[]): void {
  for (let nl = text.indexOf('\n'); nl > 0; nl = text.indexOf('\n', nl + 1)) {
    const leftEnd = text[nl - 1] === '\r' ? nl - 1 : nl;
    if (leftEnd === 0 || !WRAP_CHAR.test(text[leftEnd - 1]!)) continue;
    let rightStart = nl + 1;
    while (text[rightStart] === ' ' || text[rightStart] === '\t') rightStart++;
    if (rightStart >= text.length || !WRAP_CHAR.test(text[rightStart]!)) continue;
    let leftStart = leftEnd;
    while (leftStart > 0 && leftEnd - leftStart < MAX_PART && WRAP_CHAR.test(text[leftStart - 1]!)) leftStart--;
    if (leftEnd - leftStart < 8 || !/\d/.test(text.slice(leftStart, leftEnd))) continue;
    let rightEnd = rightStart;
    while (rightEnd < text.length && rightEnd - rightStart < MAX_PART && WRAP_CHAR.test(text[rightEnd]!)) rightEnd++;
    if (rightEnd - rightStart < 4) continue;
    const left = text.slice(leftStart, leftEnd);
    for (const f of detectAll(left + text.slice(rightStart, rightEnd), FORMAT_DETECTORS)) {
      if (f.start >= left.length || f.end <= left.length) continue; // not across the break: found as written
      out.push({ type: f.type, start: leftStart + f.start, end: rightStart + (f.end - left.length) });
    }
  }
}

function detectAll(text: string, detectors: readonly Detector[]): Finding[] {
  const found: Finding[] = [];
  for (const detect of detectors) detect(text, found);
  return found;
}

function strongest(found: readonly Finding[]): SecretType | undefined {
  let type: SecretType | undefined;
  for (const f of found) if (type === undefined || specificity(f.type) > specificity(type)) type = f.type;
  return type;
}
