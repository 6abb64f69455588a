import type { ToolCall, Turn } from '../../model';
import { addToolCall, addUserTurn, type TurnLog } from '../../turns';

/** Extras on top of `../../turns` for stores that keep a call and its result together. */

/** A user turn, unless nothing was typed. */
export function addPrompt(log: TurnLog, text: string, timestamp?: string): void {
  const t = text.trim();
  if (t) addUserTurn(log, t, timestamp);
}

/** A tool call whose result is already known (no id needed to pair them). */
export function addFinishedToolCall(log: TurnLog, call: ToolCall, timestamp?: string): void {
  addToolCall(log, undefined, call.name, call.input, timestamp);
  const added = lastAssistantTurn(log)?.toolCalls.at(-1);
  if (!added) return;
  if (call.output !== undefined) added.output = call.output;
  if (call.isError) added.isError = true;
}

/** The assistant turn being written, when the last turn is one. */
export function lastAssistantTurn(log: TurnLog): Turn | undefined {
  const last = log.turns[log.turns.length - 1];
  return last?.role === 'assistant' ? last : undefined;
}
