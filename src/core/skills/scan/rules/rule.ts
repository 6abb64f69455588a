import { lineOfOffset, type ScanDocument } from '../document';
import type { RuleInfo, Severity, TextKind } from '../types';

/** Where a rule matched: a 1-based line and how bad this match is. */
export interface RuleHit {
  line: number;
  severity: Severity;
  /** Where on the line the match starts (in the scanned view), so a long line's excerpt shows the match. */
  column?: number;
}

export interface ScanRule extends RuleInfo {
  /** The kinds of file the rule runs on. */
  kinds: readonly TextKind[];
  check(doc: ScanDocument): RuleHit[];
}

/**
 * Every match of every pattern in one view of the document (`folded` for English phrases, so look-alike
 * letters do not hide a word; `plain` for other languages). Patterns must carry the `g` flag.
 */
export function phraseHits(
  doc: ScanDocument,
  patterns: readonly RegExp[],
  severity: Severity | ((text: string, start: number, end: number) => Severity),
  view: 'plain' | 'folded' = 'folded',
): RuleHit[] {
  const text = doc[view];
  const hits: RuleHit[] = [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      const column = start - (text.lastIndexOf('\n', start - 1) + 1);
      hits.push({ line: lineOfOffset(doc, start), column, severity: typeof severity === 'function' ? severity(text, start, start + m[0].length) : severity });
    }
  }
  return hits;
}

const CLOSE_QUOTES = /["”'’`]/;
const META = /\b(?:avoid|such as|e\.g\.|for example|examples?|like|phrases?|language|wording|patterns?|detects?|flags?|never|don't|do not|instead of|catch(?:es)?|block(?:s|ed)?)\b/i;

/** Whether `before` (the line up to a match) leaves a quotation open: an apostrophe inside a word is not a quote. */
function quoteOpen(before: string): boolean {
  const odd = (re: RegExp) => (before.match(re)?.length ?? 0) % 2 === 1;
  const curly = (before.match(/“/g)?.length ?? 0) > (before.match(/”/g)?.length ?? 0) || (before.match(/‘/g)?.length ?? 0) > (before.match(/’(?!\w)/g)?.length ?? 0);
  return odd(/"/g) || odd(/`/g) || odd(/(?<!\w)'|'(?!\w)/g) || curly;
}

/**
 * A phrase quoted as an example of what not to write ("avoid wording like \"ignore the previous
 * instruction\"") is discussed, not given: `high` becomes `medium`. Unquoted, the same words stay `high`.
 */
export function quotedExampleSeverity(high: Severity, quoted: Severity): (text: string, start: number, end: number) => Severity {
  return (text, start, end) => {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', end);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
    const before = text.slice(lineStart, start);
    const after = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
    return quoteOpen(before) && CLOSE_QUOTES.test(after) && META.test(line) ? quoted : high;
  };
}

/** Hits for matches in fenced code are worth less: code shows a format, prose tells the agent what to do. */
export function softenInCode(doc: ScanDocument, hits: RuleHit[], to: Severity): RuleHit[] {
  return hits.map((h) => (doc.fenced[h.line - 1] ? { ...h, severity: to } : h));
}
