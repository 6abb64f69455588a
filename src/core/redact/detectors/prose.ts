import type { Detector, Finding } from '../types';
import { isStandInValue, looksGenerated } from './values';

/**
 * Secrets people type into a prompt as sentences: "my password is …", "the password was '…'", "use … as the
 * password", "the api key is …". A password is any word that is not plain lower-case prose ("is wrong",
 * "is stored in …"), or anything quoted; a key or token only when it looks generated.
 */
const PASSWORD_IS = /\b(?:password|passphrase|passwd|passcode|pwd|pw|pin)\s*(?:(?:is|was|would be|will be|should be|=)\s*:?|:)[ \t]*(["'`“‘]?)([^\s"'`”’]+)\1/gi;
const USE_AS_PASSWORD = /\buse\s+(["'`“‘]?)([^\s"'`”’]+)\1\s+as\s+(?:the\s+|my\s+|a\s+|your\s+)?(?:password|passphrase|pwd)\b/gi;
const KEY_IS = /\b(?:api[ _-]?key|access[ _-]?key|secret[ _-]?key|token|secret|client[ _-]secret)\s+(?:is|was)\s*:?[ \t]*(["'`“‘]?)([^\s"'`”’]+)\1/gi;

/** A cheap first look: each sentence above holds one of these. */
const PREFILTER = /pass|pwd|pw\b|pin\b|key|token|secret/i;

export const findProseSecrets: Detector = (text: string, out: Finding[]) => {
  if (!PREFILTER.test(text)) return;
  scan(text, PASSWORD_IS, isPasswordWord, out);
  scan(text, USE_AS_PASSWORD, isPasswordWord, out);
  scan(text, KEY_IS, (v) => looksGenerated(v) && !isStandInValue(v), out);
};

function scan(text: string, pattern: RegExp, accept: (value: string, quoted: boolean) => boolean, out: Finding[]): void {
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    const quoted = m[1] !== '';
    const value = quoted ? m[2]! : m[2]!.replace(/[.,;:!?)]+$/, '');
    if (value === '' || !accept(value, quoted)) continue;
    const start = m.index + m[0].lastIndexOf(m[2]!);
    out.push({ type: 'password', start, end: start + value.length });
  }
}

/** Not a stand-in, not a prose word: `wrong`, `Incorrect`, `stored` are what people say about a password. */
function isPasswordWord(value: string, quoted: boolean): boolean {
  if (isStandInValue(value) || value.startsWith('[')) return false;
  if (quoted) return true;
  return !/^[A-Za-z][a-z]*$/.test(value) && !/^[a-z]+(?:[-'][a-z]+)*$/.test(value);
}
