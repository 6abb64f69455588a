import type { Detector, Finding, SecretType } from '../types';

interface TokenFormat {
  type: SecretType;
  pattern: RegExp;
  /** Extra check on the token, for formats whose prefix alone is too common. */
  accept?: (token: string) => boolean;
}

const TOKEN_CHAR = /[A-Za-z0-9_-]/;
const hasDigitAndLetter = (t: string) => /\d/.test(t) && /[A-Za-z]/.test(t.slice(3));

/**
 * Provider formats, including ones secretlint's preset also knows: its patterns are exact (an OpenAI key
 * must carry `T3BlbkFJ`, a GitHub token exactly 36 characters), these are looser so that format variants
 * and future lengths are still caught.
 */
const FORMATS: TokenFormat[] = [
  { type: 'anthropic-key', pattern: /sk-ant-[A-Za-z0-9_-]{20,}/ },
  { type: 'openai-key', pattern: /sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/, accept: hasDigitAndLetter },
  { type: 'github-token', pattern: /(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,255}/ },
  { type: 'github-token', pattern: /github_pat_[A-Za-z0-9_]{40,255}/ },
  { type: 'gitlab-token', pattern: /glpat-[A-Za-z0-9_-]{20,}/ },
  { type: 'slack-token', pattern: /xox[abposrce]-[A-Za-z0-9-]{10,}/ },
  { type: 'slack-token', pattern: /xapp-\d-[A-Za-z0-9-]{10,}/ },
  { type: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/ },
  { type: 'aws-access-key', pattern: /(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|A3T[A-Z0-9])[A-Z0-9]{16}/ },
  { type: 'google-api-key', pattern: /AIza[0-9A-Za-z_-]{35}/ },
  { type: 'stripe-key', pattern: /(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}/ },
  { type: 'stripe-key', pattern: /whsec_[A-Za-z0-9]{20,}/ },
  { type: 'npm-token', pattern: /npm_[A-Za-z0-9]{36}/ },
  { type: 'huggingface-token', pattern: /hf_[A-Za-z0-9]{30,}/ },
];

/** All formats in one pass (measured: over twice as fast as one regex per format); group i is format i. */
const ANY_FORMAT = new RegExp(FORMATS.map((f) => `(${f.pattern.source})`).join('|'), 'g');

/** The AWS secret key has no prefix of its own; it is found by the name it is assigned to. */
const AWS_SECRET = /(?:aws_?)?secret_?access_?key["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi;

/** Tokens must stand alone: `xsk-…` or `…AKIA…` inside a longer identifier is something else. */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text[start - 1]! : '';
  const after = end < text.length ? text[end]! : '';
  return !TOKEN_CHAR.test(before) && !TOKEN_CHAR.test(after);
}

export const findProviderTokens: Detector = (text: string, out: Finding[]) => {
  ANY_FORMAT.lastIndex = 0;
  for (const m of text.matchAll(ANY_FORMAT)) {
    const format = FORMATS[m.findIndex((g, i) => i > 0 && g !== undefined) - 1]!;
    const start = m.index;
    const end = start + m[0].length;
    if (!standsAlone(text, start, end) || (format.accept && !format.accept(m[0]))) continue;
    out.push({ type: format.type, start, end });
  }
  AWS_SECRET.lastIndex = 0;
  for (const m of text.matchAll(AWS_SECRET)) {
    const start = m.index + m[0].length - m[1]!.length;
    out.push({ type: 'aws-secret-key', start, end: start + m[1]!.length });
  }
};
