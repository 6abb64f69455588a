import { specificity, type Finding } from './types';

/**
 * Merges overlapping findings into one span each, typed by the most specific finding in it, so that two
 * detectors hitting the same secret never produce overlapping or nested placeholders. Sorted by start.
 */
export function mergeFindings(findings: Finding[]): Finding[] {
  const valid = findings.filter((f) => f.end > f.start);
  if (valid.length <= 1) return valid.map((f) => ({ ...f }));
  valid.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Finding[] = [{ ...valid[0]! }];
  for (const f of valid.slice(1)) {
    const last = merged[merged.length - 1]!;
    if (f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      if (specificity(f.type) > specificity(last.type)) last.type = f.type;
    } else {
      merged.push({ ...f });
    }
  }
  return merged;
}
