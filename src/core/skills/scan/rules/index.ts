import { approvalBypass } from './approval';
import { htmlCommentInstructions } from './comments';
import { destructiveCommand } from './destructive';
import { encodedBlob } from './encoded';
import { htmlImageExfil, markdownImageExfil, secretExfiltration } from './exfiltration';
import { invisibleUnicode, mixedScript } from './hidden';
import { activeHtml, remoteImage, unsafeLink } from './html';
import { concealment, instructionOverride, promptLeak, roleOverride } from './instructions';
import { confusableName } from './names';
import { persistence } from './persistence';
import type { ScanRule } from './rule';
import { pipeToShell } from './shell';
import { systemTag } from './tags';

/** Every rule, in the order findings on one line are listed. */
export const RULES: readonly ScanRule[] = [
  instructionOverride,
  roleOverride,
  systemTag,
  secretExfiltration,
  markdownImageExfil,
  htmlImageExfil,
  invisibleUnicode,
  encodedBlob,
  htmlCommentInstructions,
  concealment,
  promptLeak,
  mixedScript,
  pipeToShell,
  destructiveCommand,
  persistence,
  approvalBypass,
  activeHtml,
  unsafeLink,
  remoteImage,
  confusableName,
];

export type { ScanRule, RuleHit } from './rule';
