/**
 * Whether a description tells an agent when to use the skill. The specification asks descriptions to say
 * both what a skill does and when to use it; agents pick skills from the description alone. This is an
 * English-phrasing heuristic, so a miss is a warning, never an error.
 */
const TRIGGER_PHRASES: RegExp[] = [
  // "Use when …", "Use this skill whenever …", "use it for …", "Used before committing …"
  /\buse[d]?(?:\s+(?:this|it)(?:\s+skill)?)?\s+(?:when|whenever|if|for|on|during|before|after|once|any\s?time)\b/i,
  // "… when the user asks", "whenever a PDF is involved", "when working with …"
  /\bwhen(?:ever)?\b/i,
  /\bif\s+(?:the\s+|a\s+)?(?:user|you|someone|asked|working)\b/i,
  /\btrigger(?:s|ed)?\b/i,
  /\b(?:useful|helpful|ideal|designed|intended|meant|suited)\s+for\b/i,
  /\bfor\s+(?:any\s+|all\s+)?(?:tasks?|requests?|questions?|prompts?|situations?|cases?|jobs?)\b/i,
  /\bapplies\s+to\b/i,
];

export function saysWhenToUse(description: string): boolean {
  return TRIGGER_PHRASES.some((p) => p.test(description));
}
