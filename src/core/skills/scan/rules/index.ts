import { htmlCommentInstructions } from './comments';
import { encodedBlob } from './encoded';
import { htmlImageExfil, markdownImageExfil, secretExfiltration } from './exfiltration';
import { invisibleUnicode, mixedScript } from './hidden';
import { concealment, instructionOverride, promptLeak, roleOverride } from './instructions';
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
];

export type { ScanRule, RuleHit } from './rule';
