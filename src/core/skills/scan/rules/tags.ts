import { lineOfOffset, type ScanDocument } from '../document';
import type { RuleHit, ScanRule } from './rule';
import { softenInCode } from './rule';

/**
 * Markup that frames a conversation: role tags, chat-template tokens and the tags agents wrap skills in.
 * In a skill's text they can close the frame the skill was placed in and open a new "system" turn.
 */

const ROLE_TAGS = ['system', 'system_prompt', 'system-prompt', 'assistant', 'user', 'human', 'developer', 'tool_result', 'tool_use', 'function_calls', 'function_call', 'function_results', 'instructions', 'available_skills', 'skill_content', 'data-description'];
// `<user>` and `<system>` are also common placeholders ("ssh <user>@host"), so an opening tag alone counts
// only when the same tag is closed somewhere; a closing tag is never a placeholder.
const TAG = new RegExp(String.raw`<\s*(\/?)\s*(${ROLE_TAGS.map((t) => t.replace(/[-_]/g, '[-_]')).join('|')})(?=[\s>/])[^<>\n]{0,200}>`, 'gi');
const TEMPLATE_TOKENS = /<\|(?:im_start|im_end|system|user|assistant|endoftext|start_header_id|end_header_id|eot_id)\|>|\[\/?INST\]|<<\/?SYS>>|<\/?antml:[a-z_]+>|\n\s*(?:Human|Assistant):\s/gi;

function tagHits(doc: ScanDocument): RuleHit[] {
  const matches = [...doc.plain.matchAll(TAG)].map((m) => ({ closing: m[1] === '/', name: m[2].toLowerCase().replace(/-/g, '_'), at: m.index ?? 0 }));
  const closed = new Set(matches.filter((m) => m.closing).map((m) => m.name));
  return matches.filter((m) => m.closing || closed.has(m.name)).map((m) => ({ line: lineOfOffset(doc, m.at), severity: 'high' as const }));
}

function templateHits(doc: ScanDocument): RuleHit[] {
  return [...doc.plain.matchAll(TEMPLATE_TOKENS)].map((m) => {
    // the Human:/Assistant: pattern starts at the newline before the word
    const at = (m.index ?? 0) + (m[0].startsWith('\n') ? 1 : 0);
    return { line: lineOfOffset(doc, at), severity: 'high' as const };
  });
}

export const systemTag: ScanRule = {
  id: 'system-tag',
  severity: 'high',
  summary: 'role or system tags and chat-template tokens that can close or open a conversation turn',
  kinds: ['prose'],
  // inside a code fence it documents a format rather than speaking to the agent
  check: (doc) => softenInCode(doc, [...tagHits(doc), ...templateHits(doc)], 'medium'),
};
