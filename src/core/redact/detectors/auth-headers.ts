import type { Detector, Finding, SecretType } from '../types';
import { isStandInValue, looksGenerated } from './values';

/** `Authorization: Bearer x`, `"Authorization": "token x"`, `authorization=Basic x`, `Proxy-Authorization: ...`. */
const AUTHORIZATION = /authorization\\?["']?\s*[:=]\s*\\?["']?(?:(bearer|token|basic)\s+)?([^\s"'\\,;)]+)/gi;
/** `bearer x` anywhere: curl flags, SDK calls, prose that pastes a header. */
const BEARER = /bearer\s+([A-Za-z0-9\-._~+/]+=*)/gi;

export const findAuthHeaders: Detector = (text: string, out: Finding[]) => {
  AUTHORIZATION.lastIndex = 0;
  for (const m of text.matchAll(AUTHORIZATION)) {
    const scheme = m[1]?.toLowerCase();
    const value = m[2]!;
    if (isStandInValue(value)) continue;
    if (scheme === undefined && !looksGenerated(value)) continue;
    const type: SecretType = scheme === 'basic' ? 'basic-auth' : 'bearer-token';
    const start = m.index + m[0].length - value.length;
    out.push({ type, start, end: start + value.length });
  }
  BEARER.lastIndex = 0;
  for (const m of text.matchAll(BEARER)) {
    const token = m[1]!;
    if (!isTokenLike(token)) continue;
    const start = m.index + m[0].length - token.length;
    out.push({ type: 'bearer-token', start, end: start + token.length });
  }
};

/** "bearer token", "Bearer authentication" are words; tokens carry digits or are long and mixed-case. */
function isTokenLike(token: string): boolean {
  if (isStandInValue(token)) return false;
  if (/\d/.test(token) && token.length >= 8) return true;
  return token.length >= 20 && /[a-z]/.test(token) && /[A-Z]/.test(token);
}
