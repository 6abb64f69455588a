import type { Detector, Finding } from '../types';

/** header.payload.signature, both JSON parts base64url-encoded objects (`eyJ` is `{"`); the signature may be empty. */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

export const findJwts: Detector = (text: string, out: Finding[]) => {
  JWT.lastIndex = 0;
  for (const m of text.matchAll(JWT)) {
    const before = m.index > 0 ? text[m.index - 1]! : '';
    if (/[A-Za-z0-9_-]/.test(before)) continue;
    out.push({ type: 'jwt', start: m.index, end: m.index + m[0].length });
  }
};
