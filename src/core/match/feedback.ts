/**
 * Implicit feedback in a user turn: a correction or rejection of what the agent just did.
 * Kept deliberately small here; each pattern is a phrase people actually type after a wrong move.
 */
export interface FeedbackSignal {
  kind: 'correction' | 'rejection' | 'undo' | 'retry';
  confidence: number;
  phrase: string;
}

const PATTERNS: { kind: FeedbackSignal['kind']; confidence: number; re: RegExp }[] = [
  { kind: 'undo', confidence: 0.9, re: /\b(undo|revert|roll ?back) (that|this|it|the change|your change)/i },
  { kind: 'rejection', confidence: 0.85, re: /^\s*(no|nope|wrong)[,.!]|\bthat'?s (not (right|it|what i)|wrong|incorrect)\b|\bdoesn'?t work\b|\bstill (fails|failing|broken|doesn'?t)/i },
  { kind: 'retry', confidence: 0.7, re: /\b(try (a different|another) (approach|way)|start over|that didn'?t (work|help))\b/i },
  { kind: 'correction', confidence: 0.6, re: /\b(instead|i said|i meant|not what i asked|you (forgot|missed|broke))\b/i },
];

export function detectFeedback(text: string): FeedbackSignal | undefined {
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (m) return { kind: p.kind, confidence: p.confidence, phrase: m[0].trim() };
  }
  return undefined;
}
