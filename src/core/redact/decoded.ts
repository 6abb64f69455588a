import { findJwts } from './detectors/jwt';
import { findProviderTokens } from './detectors/provider-tokens';
import { specificity, type Detector, type Finding, type SecretType } from './types';

/**
 * Secrets the detectors cannot see as written: inside base64 (`echo … | base64 -d`, a Kubernetes secret),
 * written with JSON `\uXXXX` escapes inside a file's text, or wrapped over two lines by a terminal. Each is
 * decoded into a view, the detectors run on the view, and what they find is mapped back to the original
 * span, which is redacted whole.
 */
export function findDecoded(text: string, detectors: readonly Detector[], out: Finding[]): void {
  if (text.includes('\\u')) findInUnicodeEscapes(text, detectors, out);
  findInBase64(text, detectors, out);
  findWrapped(text, out);
}

const BASE64_RUN = /[A-Za-z0-9+/]{20,}={0,2}/g;
const BASE64_CHAR = /[A-Za-z0-9+/=_-]/;
/** Bigger than any secret's encoding worth decoding: an image or an archive. */
const MAX_BASE64 = 8_192;

function findInBase64(text: string, detectors: readonly Detector[], out: Finding[]): void {
  BASE64_RUN.lastIndex = 0;
  for (const m of text.matchAll(BASE64_RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length > MAX_BASE64 || (start > 0 && BASE64_CHAR.test(text[start - 1]!)) || (end < text.length && BASE64_CHAR.test(text[end]!))) continue;
    const decoded = Buffer.from(m[0], 'base64').toString('latin1');
    if (!isPrintable(decoded)) continue;
    const type = strongest(run(decoded, detectors));
    if (type) out.push({ type, start, end });
  }
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

/** A view of `text` with its `\uXXXX` escapes decoded; each view character knows its span in the original. */
function findInUnicodeEscapes(text: string, detectors: readonly Detector[], out: Finding[]): void {
  let view = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const m = text[i] === '\\' && text[i + 1] === 'u' ? /^[0-9a-fA-F]{4}/.exec(text.slice(i + 2, i + 6)) : null;
    const width = m ? 6 : 1;
    view += m ? String.fromCharCode(parseInt(m[0], 16)) : text[i];
    from.push(i);
    to.push(i + width);
    i += width;
  }
  if (view.length === text.length) return;
  for (const f of run(view, detectors)) out.push({ type: f.type, start: from[f.start]!, end: to[f.end - 1]! });
}

/** `…last chars of a line` + line break + `first chars of the next`: a token a terminal wrapped. */
const WRAP = /([A-Za-z0-9_+/=.-]{8,})\r?\n[ \t]*([A-Za-z0-9_+/=.-]{4,})/g;
/**
 * Format detectors only: they need the whole token to match, so a match across the break is a wrapped token.
 * Not the entropy rule: a commit hash and the word on the next line (`Author`) read as random when joined.
 */
const FORMAT_DETECTORS: readonly Detector[] = [findProviderTokens, findJwts];

function findWrapped(text: string, out: Finding[]): void {
  WRAP.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WRAP.exec(text)) !== null) {
    const left = m[1]!;
    const right = m[2]!;
    const rightAt = m.index + m[0].length - right.length;
    WRAP.lastIndex = rightAt; // the right part may start the next wrap
    const joined = left + right;
    for (const f of run(joined, FORMAT_DETECTORS)) {
      if (f.start >= left.length || f.end <= left.length) continue; // not across the break: found as written
      out.push({ type: f.type, start: m.index + f.start, end: rightAt + (f.end - left.length) });
    }
  }
}

function run(text: string, detectors: readonly Detector[]): Finding[] {
  const found: Finding[] = [];
  for (const detect of detectors) detect(text, found);
  return found;
}

function strongest(found: readonly Finding[]): SecretType | undefined {
  let type: SecretType | undefined;
  for (const f of found) if (type === undefined || specificity(f.type) > specificity(type)) type = f.type;
  return type;
}
