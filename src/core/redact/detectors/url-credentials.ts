import { isSecretName } from '../secret-names';
import type { Detector, Finding } from '../types';
import { isStandInValue, looksGenerated } from './values';

const SCHEME_SEPARATOR = /:\/\//g;
/** Characters allowed in a URL's userinfo (RFC 3986, plus `%` escapes); anything else ends the search for `@`. */
const USERINFO_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:%]/;
const MAX_USERINFO = 512;
/** `?token=…`, `&api_key=…`, `&amp;sig=…` in a URL. */
const QUERY_PARAM = /[?&](?:amp;)?([A-Za-z_][A-Za-z0-9_.\-[\]]*)=([^&#\s"'<>\\`]+)/g;
/** A cheap first look: every secret parameter name contains one of these. */
const MAY_BE_SECRET_PARAM = /pass|pwd|secret|token|key|auth|credential|cookie|sig/i;
/** Parameter names that carry a secret only when the value also looks generated (`key=AIza…`, `sig=…`). */
const WEAK_PARAMS = new Set(['key', 'sig', 'signature', 'x-amz-signature', 'x-amz-security-token', 'x-goog-signature']);

/** `scheme://user:pass@host` → the `user:pass` part; `https://TOKEN@host` when the user is a token. */
export const findUrlUserinfo: Detector = (text: string, out: Finding[]) => {
  SCHEME_SEPARATOR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SCHEME_SEPARATOR.exec(text)) !== null) {
    const start = m.index + 3;
    const at = findAt(text, start);
    if (at < 0) continue;
    const userinfo = text.slice(start, at);
    if (isSecretUserinfo(userinfo)) out.push({ type: 'url-credentials', start, end: at });
  }
};

/** The `@` that ends the userinfo starting at `start`, or -1 when there is none before the host. */
function findAt(text: string, start: number): number {
  const limit = Math.min(text.length, start + MAX_USERINFO);
  for (let i = start; i < limit; i++) {
    const c = text[i]!;
    if (c === '@') return i > start ? i : -1;
    if (!USERINFO_CHAR.test(c)) return -1;
  }
  return -1;
}

function isSecretUserinfo(userinfo: string): boolean {
  const colon = userinfo.indexOf(':');
  if (colon < 0) return userinfo.length >= 16 && looksGenerated(userinfo);
  const password = safeDecode(userinfo.slice(colon + 1));
  return password.length > 0 && !isStandInValue(password);
}

/** `?token=…` and friends: only the value is secret. */
export const findSecretQueryParams: Detector = (text: string, out: Finding[]) => {
  QUERY_PARAM.lastIndex = 0;
  for (const m of text.matchAll(QUERY_PARAM)) {
    const name = m[1]!;
    if (!MAY_BE_SECRET_PARAM.test(name)) continue;
    const value = m[2]!;
    const decoded = safeDecode(value);
    if (isStandInValue(decoded)) continue;
    const secret = isSecretName(name) || (WEAK_PARAMS.has(name.toLowerCase()) && looksGenerated(decoded));
    if (!secret) continue;
    const start = m.index + m[0].length - value.length;
    out.push({ type: 'url-credentials', start, end: start + value.length });
  }
};

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
