import { basename } from 'node:path';
import { addAssistantText, addToolCall, addToolResult, type TurnLog } from '../../turns';
import { asArray, asObject, asString, isObject, parseMaybeJson, textOf, type JsonObject } from '../../values';

/**
 * Adds what Copilot answered to one request: its markdown, and its tool calls. The calls come from
 * `result.metadata.toolCallRounds` when the extension kept them (arguments and results included); the
 * response parts only say which tool ran and a message about it.
 */
export function addResponse(log: TurnLog, request: JsonObject, timestamp?: string): void {
  const parts = responseParts(request.response);
  const metadata = asObject(asObject(request.result)?.metadata);
  const rounds = asArray(metadata?.toolCallRounds).filter(isObject);
  const text = parts.map(partText).join('') || rounds.map((r) => asString(r.response) ?? '').join('\n\n');
  addAssistantText(log, text, timestamp);
  const roundCalls = rounds.flatMap((r) => asArray(r.toolCalls).filter(isObject));
  if (roundCalls.length > 0) addRoundCalls(log, roundCalls, asObject(metadata?.toolCallResults), timestamp);
  else for (const part of parts) if (part.kind === 'toolInvocationSerialized' || part.kind === 'toolInvocation') addPartCall(log, part, timestamp);
}

function responseParts(v: unknown): JsonObject[] {
  if (Array.isArray(v)) return v.filter(isObject);
  return isObject(v) ? [v] : []; // the first builds stored one markdown object
}

function partText(part: JsonObject): string {
  if (part.kind === undefined) return asString(part.value) ?? '';
  if (part.kind === 'markdownContent') return asString(asObject(part.content)?.value) ?? '';
  if (part.kind === 'inlineReference') return referenceName(part);
  return '';
}

function referenceName(part: JsonObject): string {
  const name = asString(part.name);
  if (name) return `\`${name}\``;
  const ref = asObject(part.inlineReference);
  const target = asObject(ref?.uri) ?? ref;
  const path = asString(target?.path) ?? asString(target?.fsPath);
  if (path) return `\`${basename(path)}\``;
  return asString(ref?.name) ? `\`${asString(ref?.name)}\`` : '';
}

function addRoundCalls(log: TurnLog, calls: JsonObject[], results: JsonObject | undefined, timestamp?: string): void {
  for (const call of calls) {
    const id = asString(call.id);
    addToolCall(log, id, asString(call.name) ?? 'unknown', parseMaybeJson(call.arguments), timestamp);
    const result = id ? results?.[id] : undefined;
    if (id && result !== undefined) addToolResult(log, id, promptText(result));
  }
}

/** A tool call known only from its response part: what ran, the message shown, and result details. */
function addPartCall(log: TurnLog, part: JsonObject, timestamp?: string): void {
  const id = asString(part.toolCallId);
  const input = part.toolSpecificData ?? textOf(part.invocationMessage);
  addToolCall(log, id, asString(part.toolId) ?? 'unknown', input, timestamp);
  if (!id) return;
  const details = part.resultDetails;
  const detailObject = asObject(details);
  if (detailObject && 'output' in detailObject) {
    addToolResult(log, id, promptText(detailObject.output), detailObject.isError === true ? true : undefined);
  } else if (Array.isArray(details) && details.length > 0) {
    const paths = details.map((d) => asString(asObject(asObject(d)?.uri)?.path) ?? asString(asObject(d)?.path) ?? '').filter(Boolean);
    addToolResult(log, id, paths.join('\n'));
  } else if (part.pastTenseMessage !== undefined) {
    addToolResult(log, id, textOf(part.pastTenseMessage));
  }
}

/**
 * Text from a tool result as Copilot stores it: strings, `{value}` parts, or prompt-tsx trees whose
 * leaves hold `text`.
 */
export function promptText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(promptText).filter((s) => s.length > 0).join('\n');
  if (!isObject(v)) return '';
  if (Array.isArray(v.children)) return v.children.map(promptText).join('');
  if (typeof v.text === 'string') return v.text;
  if (v.node !== undefined) return promptText(v.node);
  if (v.value !== undefined) return promptText(v.value);
  if (v.content !== undefined) return promptText(v.content);
  return '';
}
