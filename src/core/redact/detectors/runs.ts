/**
 * Runs of token characters, for the detectors that only care about long runs (tokens, base64, random
 * values): the text is scanned once with a lookup table for runs of any token character, remembered for the
 * text at hand, and each detector splits those few long runs by its own characters. A regex trying every
 * position of the text was the cost these replace.
 */
export type CharTable = Uint8Array;

export function charTable(chars: string): CharTable {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/** Every character any detector's table may hold; each table passed to `forEachRun` is a subset. */
const WIDE = charTable('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_.:-');
/** No detector looks at a shorter run. */
const SHORTEST = 20;

let lastText: string | undefined;
let lastRuns: number[] = [];

/** The runs of WIDE characters at least SHORTEST long, as start, end pairs; the detectors of one text share them. */
function wideRuns(text: string): number[] {
  if (text === lastText) return lastRuns;
  const runs: number[] = [];
  scan(text, WIDE, 0, text.length, SHORTEST, (s, e) => runs.push(s, e));
  lastText = text;
  lastRuns = runs;
  return runs;
}

/** Calls `visit(start, end)` for every maximal run of `table` characters (a subset of WIDE) at least `minLength` (>= 20) long. */
export function forEachRun(text: string, table: CharTable, minLength: number, visit: (start: number, end: number) => void): void {
  const runs = wideRuns(text);
  for (let i = 0; i < runs.length; i += 2) scan(text, table, runs[i]!, runs[i + 1]!, minLength, visit);
}

function scan(text: string, table: CharTable, from: number, to: number, minLength: number, visit: (start: number, end: number) => void): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c >= 128 || table[c] === 0) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < to) {
      const d = text.charCodeAt(end);
      if (d >= 128 || table[d] === 0) break;
      end++;
    }
    if (end - i >= minLength) visit(i, end);
    i = end;
  }
}
