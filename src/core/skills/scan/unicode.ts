/**
 * Characters a reader does not see but a model reads: the way to hide text in a skill or to make the text
 * shown differ from the text run.
 */

export type HiddenKind = 'tag' | 'bidi' | 'zero-width' | 'variation-selector' | 'filler' | 'direction-mark' | 'soft-hyphen';

/** Unicode "tag" characters mirror ASCII one to one: a whole sentence can ride along unseen. */
const isTag = (cp: number) => cp >= 0xe0000 && cp <= 0xe007f;
/** Embeddings, overrides and isolates: reorder what is displayed ("Trojan Source"). */
const isBidiControl = (cp: number) => (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
const isZeroWidth = (cp: number) => cp === 0x200b || cp === 0x200c || cp === 0x200d || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff || cp === 0x180e;
/** The supplement's 240 selectors can encode a byte each after any visible character. */
const isVariationSupplement = (cp: number) => cp >= 0xe0100 && cp <= 0xe01ef;
const isFiller = (cp: number) => cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0 || cp === 0x2800;
const isDirectionMark = (cp: number) => cp === 0x200e || cp === 0x200f || cp === 0x061c;

export function hiddenKind(cp: number): HiddenKind | undefined {
  if (isTag(cp)) return 'tag';
  if (isBidiControl(cp)) return 'bidi';
  if (isZeroWidth(cp)) return 'zero-width';
  if (isVariationSupplement(cp)) return 'variation-selector';
  if (isFiller(cp)) return 'filler';
  if (isDirectionMark(cp)) return 'direction-mark';
  if (cp === 0x00ad) return 'soft-hyphen';
  return undefined;
}

/** Removed before phrase rules run, so a word split by a hidden character still reads as the word. */
export function isHiddenCodePoint(cp: number): boolean {
  return hiddenKind(cp) !== undefined && cp !== 0x2800; // braille blank is visible as a gap in most fonts
}

/** Emoji sequences legitimately join pictographs with U+200D and end with U+FE0F. */
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** The hidden characters of one line, with what they are; joiners between emoji do not count. */
export function hiddenCharactersIn(line: string): { kind: HiddenKind; cp: number }[] {
  const chars = [...line];
  const found: { kind: HiddenKind; cp: number }[] = [];
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0)!;
    const kind = hiddenKind(cp);
    if (!kind) return;
    if (cp === 0x200d && PICTOGRAPH.test(chars[i - 1] ?? '') && PICTOGRAPH.test(chars[i + 1] ?? '')) return;
    if (cp === 0xfeff && i === 0) return; // a byte-order mark at the very start is an encoding artefact
    found.push({ kind, cp });
  });
  return found;
}

/**
 * A line as an excerpt: hidden and control characters shown as \u{…} escapes, at most `max` characters,
 * starting a little before `column` when the match lies further along a long line.
 */
export function visibleExcerpt(line: string, max = 120, column = 0): string {
  const lead = column > max / 2 ? Math.max(0, column - 30) : 0;
  let out = lead > 0 ? '…' : '';
  for (const ch of line.slice(lead).trim()) {
    const cp = ch.codePointAt(0)!;
    out += hiddenKind(cp) || cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? `\\u{${cp.toString(16).toUpperCase()}}` : ch;
    if (out.length >= max) return out.slice(0, max) + '…';
  }
  return out;
}
