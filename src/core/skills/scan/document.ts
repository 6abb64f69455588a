import { isHiddenCodePoint } from './unicode';

/**
 * A text prepared for scanning. Phrase rules run on `plain` (hidden characters removed, compatibility
 * forms folded, so "ig\u200Bnore" and fullwidth letters still read as words) and on `folded` (plain with
 * Latin look-alikes from other scripts folded, for words that mix scripts). Both have one entry in
 * `lineAt` per UTF-16 unit, so a match anywhere maps back to the line it started on in the raw text.
 */
export interface ScanDocument {
  raw: string;
  lines: string[];
  plain: string;
  folded: string;
  lineAt: Int32Array;
  /** Per raw line (0-based): inside a fenced code block (the fence lines included). */
  fenced: boolean[];
}

export function prepareDocument(raw: string): ScanDocument {
  const lines = raw.split(/\r?\n/);
  const plainParts: string[] = [];
  const lineOf: number[] = [];
  let line = 0;
  for (const ch of raw) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') {
      plainParts.push('\n');
      lineOf.push(line++);
      continue;
    }
    if (isHiddenCodePoint(cp) || ch === '\r') continue;
    const normal = cp < 0x80 ? ch : ch.normalize('NFKC');
    plainParts.push(normal);
    for (let i = 0; i < normal.length; i++) lineOf.push(line);
  }
  const plain = plainParts.join('');
  return { raw, lines, plain, folded: foldMixedScriptWords(plain), lineAt: Int32Array.from(lineOf), fenced: fencedLines(lines) };
}

/** 1-based line of a position in `plain`/`folded`. */
export function lineOfOffset(doc: ScanDocument, offset: number): number {
  if (doc.lineAt.length === 0) return 1;
  return doc.lineAt[Math.min(Math.max(offset, 0), doc.lineAt.length - 1)] + 1;
}

function fencedLines(lines: string[]): boolean[] {
  const out: boolean[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (!fence && m) {
      fence = m[1][0];
      out.push(true);
    } else if (fence && m && m[1][0] === fence) {
      fence = undefined;
      out.push(true);
    } else out.push(fence !== undefined);
  }
  return out;
}

// Cyrillic and Greek letters drawn like Latin ones. Folded only inside words that also hold Latin letters:
// whole Russian or Greek words stay as written.
const LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g', ӏ: 'l',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  α: 'a', ο: 'o', ρ: 'p', ν: 'v', ι: 'i', κ: 'k', τ: 't', υ: 'u', χ: 'x', Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};

const WORD = /[\p{L}\p{M}]+/gu;

/** Words that mix Latin letters with look-alikes from other scripts, folded to Latin. Same length as the input. */
export function foldMixedScriptWords(text: string): string {
  return text.replace(WORD, (word) => (isMixedScript(word) ? [...word].map((c) => LOOKALIKES[c] ?? c).join('') : word));
}

export function isMixedScript(word: string): boolean {
  return /[A-Za-z]/.test(word) && [...word].some((c) => c in LOOKALIKES);
}
