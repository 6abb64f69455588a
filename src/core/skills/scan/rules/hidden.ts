import { isMixedScript } from '../document';
import { hiddenCharactersIn, type HiddenKind } from '../unicode';
import type { RuleHit, ScanRule } from './rule';

/** Tags, bidi controls and variation selectors carry or reorder text; stray zero-width characters may be copy-paste noise unless they cluster. */
const ALWAYS_HIGH = new Set<HiddenKind>(['tag', 'bidi', 'variation-selector']);
const CLUSTER = 3;

function hiddenHits(lines: string[]): RuleHit[] {
  const hits: RuleHit[] = [];
  lines.forEach((line, i) => {
    const found = hiddenCharactersIn(line);
    if (found.length === 0) return;
    const serious = found.filter((f) => f.kind !== 'direction-mark' && f.kind !== 'soft-hyphen');
    const severity = serious.some((f) => ALWAYS_HIGH.has(f.kind)) || serious.length >= CLUSTER ? 'high' : serious.length > 0 ? 'medium' : 'low';
    hits.push({ line: i + 1, severity });
  });
  return hits;
}

export const invisibleUnicode: ScanRule = {
  id: 'invisible-unicode',
  severity: 'high',
  summary: 'invisible or bidirectional Unicode (tag characters, bidi overrides, zero-width runs) that hides or reorders text',
  kinds: ['prose', 'code'],
  check: (doc) => hiddenHits(doc.lines),
};

const WORD = /[\p{L}\p{M}]{2,}/gu;

export const mixedScript: ScanRule = {
  id: 'mixed-script',
  severity: 'medium',
  summary: 'words that mix Latin letters with look-alike Cyrillic or Greek ones (homoglyph spoofing)',
  kinds: ['prose'],
  check: (doc) => {
    const hits: RuleHit[] = [];
    doc.lines.forEach((line, i) => {
      if ([...line.matchAll(WORD)].some((m) => isMixedScript(m[0]))) hits.push({ line: i + 1, severity: 'medium' });
    });
    return hits;
  },
};
