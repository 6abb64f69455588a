/** A workflow that recurs across atoms: an ordered list of step signatures, gaps allowed between them. */
export interface RecurringSequence {
  signatures: string[];
  /** Indexes (into the input list) of the sequences that contain it. */
  members: number[];
}

/** Steps that carry no workflow meaning on their own. */
const NOISE = new Set(['search', 'read:?', 'edit:?', 'run']);

/** Consecutive repeats fold into one step: three edits of `.ts` in a row are one "edit .ts" step. */
export function collapse(signatures: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of signatures) if (!NOISE.has(s) && out[out.length - 1] !== s) out.push(s);
  return out;
}

/**
 * The most widely shared workflow among these step sequences. Candidates are the longest common
 * subsequences of pairs (so agents that interleave extra reads still line up); the winner is the one
 * contained in the most sequences, then the longest, then the first in order. It must hold a command or an
 * edit and at least two steps. A lone sequence is its own candidate (it may merge with others that share
 * it exactly). Pairs are capped so a huge group stays cheap.
 */
export function mostSharedSequence(sequences: readonly string[][], maxPairs = 2000): RecurringSequence | undefined {
  const candidates = new Map<string, string[]>();
  if (sequences.length === 1 && isWorkflow(sequences[0])) candidates.set(sequences[0].join('\u0000'), sequences[0]);
  let pairs = 0;
  for (let i = 0; i < sequences.length && pairs < maxPairs; i++) {
    for (let j = i + 1; j < sequences.length && pairs < maxPairs; j++, pairs++) {
      const lcs = longestCommonSubsequence(sequences[i], sequences[j]);
      if (isWorkflow(lcs)) candidates.set(lcs.join('\u0000'), lcs);
    }
  }
  let best: RecurringSequence | undefined;
  for (const key of [...candidates.keys()].sort()) {
    const signatures = candidates.get(key)!;
    const members = sequences.flatMap((s, i) => (isSubsequence(signatures, s) ? [i] : []));
    if (
      !best ||
      members.length > best.members.length ||
      (members.length === best.members.length && signatures.length > best.signatures.length)
    ) {
      best = { signatures, members };
    }
  }
  return best;
}

function isWorkflow(signatures: string[]): boolean {
  return signatures.length >= 2 && signatures.some((s) => s.startsWith('run:') || s.startsWith('edit:'));
}

export function isSubsequence(needle: readonly string[], hay: readonly string[]): boolean {
  let k = 0;
  for (const s of hay) if (s === needle[k]) k++;
  return k === needle.length;
}

export function longestCommonSubsequence(a: readonly string[], b: readonly string[]): string[] {
  const dp: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const out: string[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return out;
}
