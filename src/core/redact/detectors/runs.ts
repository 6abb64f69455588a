/**
 * Runs of token characters, found in one pass with a lookup table: the detectors that only care about long
 * runs (tokens, base64, random values) skip everything else without a regex trying every position.
 */
export type CharTable = Uint8Array;

export function charTable(chars: string): CharTable {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/** Calls `visit(start, end)` for every maximal run of `table` characters at least `minLength` long. */
export function forEachRun(text: string, table: CharTable, minLength: number, visit: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 128 || table[c] === 0) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n) {
      const d = text.charCodeAt(end);
      if (d >= 128 || table[d] === 0) break;
      end++;
    }
    if (end - i >= minLength) visit(i, end);
    i = end;
  }
}
