import { nameFindings } from '../names';
import type { RuleHit, ScanRule } from './rule';

/** The frontmatter's `name:` line, when the text starts with frontmatter. */
function nameLine(lines: string[]): { name: string; line: number } | undefined {
  if (lines[0]?.trim() !== '---') return undefined;
  for (let i = 1; i < lines.length && lines[i].trim() !== '---'; i++) {
    const m = /^name\s*:\s*["']?(.*?)["']?\s*$/.exec(lines[i]);
    if (m) return { name: m[1], line: i + 1 };
  }
  return undefined;
}

export const confusableName: ScanRule = {
  id: 'confusable-name',
  severity: 'high',
  summary: "a skill name that mixes scripts or imitates another skill's name (same confusable skeleton); the library compares it with its own names",
  kinds: ['prose'],
  check: (doc) => {
    const found = nameLine(doc.lines);
    if (!found) return [];
    return nameFindings(found.name, []).map((f): RuleHit => ({ line: found.line, severity: f.severity }));
  },
};
