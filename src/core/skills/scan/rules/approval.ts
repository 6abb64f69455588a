import type { ScanDocument } from '../document';
import { commandSeverity } from './discussion';
import type { RuleHit, ScanRule } from './rule';
import { phraseHits, quotedExampleSeverity } from './rule';

/**
 * Claims that the user already said yes, or orders not to ask: a skill cannot grant itself permissions, so
 * text that says it has them is trying to skip the agent's approval step. Flags that turn approvals off are
 * the same move in a command.
 */

const S = String.raw`[\s*_>"'“”‘’]+`;
const ACTIONS = String.raw`(?:commands?|actions?|tool${S}calls?|tools?|operations?|changes?|steps?|requests?|edits?|writes?|deletions?|shell${S}commands?|everything|anything)`;

const CLAIMS: RegExp[] = [
  new RegExp(String.raw`\b(?:the${S})?user${S}(?:has${S}|have${S}|had${S})?(?:already${S})?(?:pre-?approved|pre-?authori[sz]ed|approved|authori[sz]ed|consented${S}to|allowed|okayed|whitelisted|signed${S}off${S}on|said${S}yes${S}to)${S}(?:(?:all|every|any|each|these|those|the${S}following|your)${S})?${ACTIONS}`, 'gi'),
  new RegExp(String.raw`\b(?:you${S}(?:already${S})?(?:have|hold|were${S}given|have${S}been${S}(?:given|granted)|are${S}(?:granted|allowed|authori[sz]ed))|with)${S}(?:(?:full|blanket|explicit|standing|prior|unlimited|complete)${S})?(?:permission|approval|authori[sz]ation|consent|clearance)${S}(?:to|for)\b[^.\n]{0,80}?\bwithout${S}(?:asking|confirm\w*|approv\w*|prompt\w*|check\w*|permission)`, 'gi'),
  new RegExp(String.raw`\b(?:all|every|any)${S}${ACTIONS}${S}(?:(?:is|are|have${S}been|has${S}been)${S})(?:already${S})?(?:pre-?approved|approved|authori[sz]ed|allowed)\b`, 'gi'),
  new RegExp(String.raw`\b(?:do${S}not|don't|never|no${S}need${S}to|there${S}is${S}no${S}need${S}to|you${S}(?:do${S}not|don't)${S}need${S}to)${S}(?:ask|prompt|check${S}with|confirm${S}with)${S}(?:(?:the${S}user|them|anyone)${S})?(?:for${S}(?:any${S})?(?:confirmation|permission|approval|consent)|before\b)`, 'gi'),
  new RegExp(String.raw`\b(?:skip|bypass|disable|turn${S}off|ignore)${S}(?:(?:all|any|the|every|its|your)${S})*(?:approval|confirmation|permission)${S}(?:prompts?|requests?|checks?|steps?|dialogs?)`, 'gi'),
  new RegExp(String.raw`\bauto-?(?:approve|accept|confirm)(?:s|d)?${S}(?:(?:all|every|any|each)${S})?${ACTIONS}`, 'gi'),
  new RegExp(String.raw`\b(?:approve|accept|allow)${S}(?:all|every|any)${S}${ACTIONS}${S}(?:automatically|without${S}(?:asking|review|confirmation))`, 'gi'),
];

const FLAGS = /--dangerously-skip-permissions\b|--dangerously-bypass-approvals-and-sandbox\b|["']?(?:permission_?mode|permissionMode|defaultMode)["']?\s*[:=]\s*["']?bypassPermissions\b|--permission-mode[=\s]+bypassPermissions\b|--ask-for-approval[=\s]+never\b|--approval-mode[=\s]+(?:yolo|full-auto)\b|(?:^|\s)--yolo\b|--allow-all-tools\b|["']?chat\.tools\.(?:global\.)?autoApprove["']?\s*:\s*true/gi;

function flagHits(doc: ScanDocument): RuleHit[] {
  const found: RuleHit[] = [];
  doc.lines.forEach((line, i) => {
    FLAGS.lastIndex = 0;
    const m = FLAGS.exec(line);
    if (m) found.push({ line: i + 1, column: m.index, severity: commandSeverity(doc, i + 1, m.index) });
  });
  return found;
}

export const approvalBypass: ScanRule = {
  id: 'approval-bypass',
  severity: 'high',
  summary: 'claims the user pre-approved everything, tells the agent not to ask, or turns approvals off (--dangerously-skip-permissions …)',
  kinds: ['prose', 'code'],
  check: (doc) => [...phraseHits(doc, CLAIMS, quotedExampleSeverity('high', 'medium')), ...flagHits(doc)],
};
