import { addAssistantText, addToolCall, addToolResult, type TurnLog } from '../../turns';
import { asNonEmpty, isObject, parseMaybeJson, textOf, type JsonObject } from '../../values';
import { isoFrom } from '../common/time';
import { addPrompt } from '../common/turns';
import { objects } from '../common/values';

/**
 * OpenClaw's conversation messages (the pi agent format), as they appear in trajectory events:
 * `{role:"user", content: string | blocks}`, `{role:"assistant", content:[text | thinking | toolCall{id,name,arguments}]}`,
 * `{role:"toolResult", toolCallId, toolName, content:[text…], isError}`. Other roles (custom, hook messages)
 * are not part of the exchange.
 */
export function addAgentMessage(log: TurnLog, message: JsonObject, fallbackTime?: string): void {
  const at = isoFrom(message.timestamp) ?? fallbackTime;
  if (message.role === 'user') addPrompt(log, userText(message), at);
  else if (message.role === 'assistant') addAssistantBlocks(log, message, at);
  else if (message.role === 'toolResult') {
    const id = asNonEmpty(message.toolCallId);
    if (id) addToolResult(log, id, textOf(message.content), message.isError === true);
  }
}

export function userText(message: JsonObject): string {
  if (typeof message.content === 'string') return message.content;
  return objects(message.content)
    .filter((b) => b.type === 'text')
    .map((b) => asNonEmpty(b.text) ?? '')
    .join('\n');
}

const CALL_BLOCKS = new Set(['toolcall', 'tooluse', 'functioncall']);

function addAssistantBlocks(log: TurnLog, message: JsonObject, at: string | undefined): void {
  if (typeof message.content === 'string') {
    addAssistantText(log, message.content, at);
    return;
  }
  for (const block of objects(message.content)) {
    const type = typeof block.type === 'string' ? block.type.toLowerCase() : '';
    if (type === 'text') addAssistantText(log, asNonEmpty(block.text) ?? '', at);
    else if (CALL_BLOCKS.has(type)) {
      const args = block.arguments ?? block.input ?? block.parameters;
      addToolCall(log, asNonEmpty(block.id), asNonEmpty(block.name) ?? 'unknown', parseMaybeJson(args) ?? {}, at);
    }
  }
}

export function isAgentMessage(v: unknown): v is JsonObject {
  return isObject(v) && typeof v.role === 'string';
}
