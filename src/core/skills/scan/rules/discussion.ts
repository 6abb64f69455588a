import type { ScanDocument } from '../document';
import type { Severity } from '../types';

/*
 * A command a skill warns against is discussed, not given. The rule, for the command rules (pipe to shell,
 * destructive commands, persistence, approval-bypass flags): a match is "discussed" when
 *   - the line before it says not to: "never", "don't", "do not", "avoid", "instead of", "rather than",
 *     "unsafe", "dangerous", "insecure" ("never forget to …", "never skip …" do not count), or
 *   - the nearest heading above it, or the lead-in line just before its list or code block, names what to avoid
 *     ("What to avoid", "Don'ts", "Anti-patterns", "Pitfalls", "Common mistakes", "Never do this:").
 * A discussed match is medium: still reported, never a quarantine. Anything else is high. A hostile skill can
 * hide a command under such a heading, but it then reads as a warning to the agent as well, and a person still
 * sees the medium finding.
 */

const WARNS = /\b(?:never|don'?t|do\s+not|avoid(?:ing)?|instead\s+of|rather\s+than|unsafe|dangerous|insecure|risky|bad\s+(?:idea|practice|example))\b(?!\s+(?:forget|skip|omit|fail|miss|neglect)\b)/i;
const AVOID_HEADING = /\b(?:avoid|don'?ts?|do\s+not|never|anti-?patterns?|pitfalls?|mistakes?|unsafe|dangerous|insecure|bad\s+(?:practices?|examples?)|what\s+not\s+to|warnings?)\b/i;
const HEADING = /^\s{0,3}(?:#{1,6}\s|\*\*[^*]+\*\*:?\s*$|__[^_]+__:?\s*$)/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;

/** Whether the match at 1-based `line` (starting at `column` of the raw line, when known) is a warning against it. */
export function isDiscussed(doc: ScanDocument, line: number, column?: number): boolean {
  const text = doc.lines[line - 1] ?? '';
  if (WARNS.test(column === undefined ? text : text.slice(0, column))) return true;
  return leadInWarns(doc, line - 1);
}

/** The heading above, or the line introducing this block or list, names what to avoid. */
function leadInWarns(doc: ScanDocument, index: number): boolean {
  let leadInChecked = false;
  for (let i = index - 1; i >= 0; i--) {
    const text = doc.lines[i];
    if (doc.fenced[i] || text.trim() === '' || LIST_ITEM.test(text)) continue;
    if (HEADING.test(text)) return AVOID_HEADING.test(text);
    if (!leadInChecked) {
      leadInChecked = true;
      if (/:\s*$/.test(text) && (WARNS.test(text) || AVOID_HEADING.test(text))) return true;
    }
  }
  return false;
}

/** High, or medium when discussed. */
export function commandSeverity(doc: ScanDocument, line: number, column?: number): Severity {
  return isDiscussed(doc, line, column) ? 'medium' : 'high';
}
