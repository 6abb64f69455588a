import { lineOfOffset, prepareDocument } from '../document';
import { CONCEAL_PATTERNS, OVERRIDE_PATTERNS } from './instructions';
import type { RuleHit, ScanRule } from './rule';

/**
 * HTML comments vanish when Markdown is rendered, so a reviewer never sees them, but the agent reads the
 * raw file. A comment that speaks to the agent and tells it to do something is an instruction in hiding.
 */

const COMMENT = /<!--([\s\S]*?)-->/g;
// Speaking to the agent: "you must …", "Assistant: …", or a comment that opens with a command.
const ADDRESSES_AGENT = /\byou\s+(?:must|should|need\s+to|have\s+to|are\s+to|will|shall|may\s+now)\b|\b(?:assistant|AI|agent|model|LLM|Claude|Copilot|ChatGPT|Codex)\s*(?:[,:]|must\b|should\b|needs?\s+to\b|will\b|shall\b)/i;
const OPENS_WITH_COMMAND = /^\s*(?:ignore|run|execute|send|upload|delete|remove|reply|respond|say|tell|output|always|never|do\s+not|don't|call|invoke|install|download|fetch|curl|wget|open|visit|append|insert|print|write)\b/i;
const DANGEROUS = /\b(?:curl|wget|fetch|send|upload|post|exfiltrate|secret|token|password|credential|api[\s_-]?key|ssh|rm\s+-rf|sudo|chmod|base64|eval)\b/i;

function commentHits(text: string, lineAtStart: (offset: number) => number): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const m of text.matchAll(COMMENT)) {
    const inner = m[1];
    const doc = prepareDocument(inner);
    const line = lineAtStart(m.index ?? 0);
    const overrides = [...OVERRIDE_PATTERNS, ...CONCEAL_PATTERNS].some((re) => {
      re.lastIndex = 0;
      const found = re.test(doc.folded);
      re.lastIndex = 0;
      return found;
    });
    if (overrides) hits.push({ line, severity: 'high' });
    else if (ADDRESSES_AGENT.test(inner) || OPENS_WITH_COMMAND.test(inner)) hits.push({ line, severity: DANGEROUS.test(inner) ? 'high' : 'medium' });
  }
  return hits;
}

export const htmlCommentInstructions: ScanRule = {
  id: 'html-comment-instructions',
  severity: 'high',
  summary: 'instructions to the agent hidden in an HTML comment (invisible once rendered)',
  kinds: ['prose'],
  check: (doc) => commentHits(doc.plain, (offset) => lineOfOffset(doc, offset)),
};
