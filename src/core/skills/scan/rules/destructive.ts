import type { ScanDocument } from '../document';
import { commandSeverity } from './discussion';
import type { RuleHit, ScanRule } from './rule';
import { statements } from './statements';

/** Commands that destroy a home folder, the root or a disk. High, unless the skill warns against them. */

const HOME = String.raw`(?:~|\$HOME|\$\{HOME\}|\$env:(?:USERPROFILE|HOME)|%USERPROFILE%|%HOMEPATH%)`;
// the target as a whole word: a home or the root, optionally with /*, quoted or not
const TARGET = String.raw`["']?(?:${HOME}(?:[\\/]\*?)?|\/\*?|\/(?:etc|usr|bin|sbin|boot|var|lib|home|Users|System|opt)\/?\*?|[A-Za-z]:\\?\*?)["']?(?=$|[\s;&|)\`])`;
const RM = new RegExp(String.raw`\brm\s+((?:-{1,2}[\w-]+\s+)+)(?:--\s+)?${TARGET}`, 'gi');
const OTHERS: RegExp[] = [
  new RegExp(String.raw`\b(?:Remove-Item|rm|ri|del|rd|rmdir)\b(?=[^\n;|]*\s-(?:Recurse|r)\b)[^\n;|]*\s${TARGET}`, 'gi'),
  new RegExp(String.raw`\b(?:rd|rmdir)\s+\/s\s+(?:\/q\s+)?${TARGET}`, 'gi'),
  /\bmkfs(?:\.\w+)?\s+(?:-\S+\s+)*\/dev\//gi,
  /\bdd\b[^\n;|]*\bof=\/dev\/(?:sd|hd|nvme|disk|xvd|vd|mmcblk)/gi,
  /:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/g,
  new RegExp(String.raw`\bchmod\s+-R\s+(?:0?777|a\+rwx|000)\s+${TARGET}`, 'gi'),
  new RegExp(String.raw`\bfind\s+${TARGET}[^\n;|]*\s-delete\b`, 'gi'),
  new RegExp(String.raw`\bshred\b[^\n;|]*\s${HOME}`, 'gi'),
];

const recursive = (flags: string) => /(?:^|\s)-[a-zA-Z]*[rR]|--recursive\b/.test(flags);

function hits(doc: ScanDocument): RuleHit[] {
  const found: RuleHit[] = [];
  for (const s of statements(doc)) {
    let at: number | undefined;
    for (const m of s.text.matchAll(RM)) if (recursive(m[1])) at ??= m.index;
    for (const re of OTHERS) {
      re.lastIndex = 0;
      const m = re.exec(s.text);
      if (m && at === undefined) at = m.index;
    }
    if (at === undefined) continue;
    const column = at < (doc.lines[s.line - 1]?.length ?? 0) ? at : undefined;
    found.push({ line: s.line, column, severity: commandSeverity(doc, s.line, column) });
  }
  return found;
}

export const destructiveCommand: ScanRule = {
  id: 'destructive-command',
  severity: 'high',
  summary: 'deletes or overwrites a home folder, the root or a disk (rm -rf ~/, rm -rf /, Remove-Item -Recurse $HOME, mkfs, dd of=/dev/…)',
  kinds: ['prose', 'code'],
  check: hits,
};
