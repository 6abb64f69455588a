import type { RuleHit, ScanRule } from './rule';

/** Long encoded runs hide content from a reader; next to a decode-and-run instruction they are a payload. */

const BASE64_RUN = /[A-Za-z0-9+/_-]{160,}={0,2}/g;
const HEX_RUN = /(?:\\x)?[0-9a-fA-F]{200,}|(?:\\x[0-9a-fA-F]{2}){60,}/g;
const DATA_IMAGE = /data:(?:image|font)\/[\w.+-]+;base64,$/i;
const DECODE_AND_RUN = /\bbase64\s+(?:-d|--decode|-D)\b|\batob\s*\(|\bb64decode\b|\bBuffer\.from\([^)]*['"]base64['"]|\bfromCharCode\b|\bunhexlify\b|\bxxd\s+-r\b|\bFromBase64String\b|\b(?:eval|exec)\s*\(|\|\s*(?:sudo\s+)?(?:sh|bash|zsh|python3?|node|perl)\b|\bdecode\s+(?:it|this|the\s+(?:following|string|blob|payload))\b/i;
const NEARBY = 3;

/** A run of letters only (a long identifier) or one character class only is not an encoding. */
function looksEncoded(run: string): boolean {
  const core = run.replace(/=+$/, '');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(core)).length;
  return classes >= 2 || /^(?:\\x)?[0-9a-fA-F]+$/.test(core);
}

/** A long URL path is not a blob (a data: URI still is: that is where encoded content lives). */
function inUrl(line: string, at: number, run: string): boolean {
  return run.startsWith('//') || /\b(?!data:)[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()]*$/i.test(line.slice(0, at));
}

function blobHits(lines: string[]): RuleHit[] {
  const hits: RuleHit[] = [];
  lines.forEach((line, i) => {
    const runs = [...line.matchAll(BASE64_RUN), ...line.matchAll(HEX_RUN)].filter((m) => looksEncoded(m[0]) && !inUrl(line, m.index ?? 0, m[0]));
    if (runs.length === 0) return;
    // an inline image or font is encoded by nature, and harmless unless something decodes and runs it
    const allDataUris = runs.every((m) => DATA_IMAGE.test(line.slice(0, m.index ?? 0)));
    const context = lines.slice(Math.max(0, i - NEARBY), i + NEARBY + 1).join('\n');
    const severity = DECODE_AND_RUN.test(context.replace(BASE64_RUN, ' ')) ? 'high' : allDataUris ? 'low' : 'medium';
    hits.push({ line: i + 1, severity });
  });
  return hits;
}

export const encodedBlob: ScanRule = {
  id: 'encoded-blob',
  severity: 'high',
  summary: 'a long base64 or hex blob (high when the text around it decodes or runs it)',
  kinds: ['prose', 'code'],
  check: (doc) => blobHits(doc.lines),
};
