import type { ToolCall, Turn } from './model';

/**
 * Turns under construction, kept as plain JSON so it can live inside a resumable reader state.
 * `calls` maps a tool call id to [turn index, call index] so a result can find the call it answers.
 */
export interface TurnLog {
  turns: Turn[];
  calls: Record<string, [number, number]>;
  /** Results that arrived before their call (kept until the call shows up). */
  early: Record<string, { output?: string; isError?: boolean }>;
}

export function newTurnLog(): TurnLog {
  return { turns: [], calls: {}, early: {} };
}

export function addUserTurn(log: TurnLog, text: string, timestamp?: string): void {
  log.turns.push(withTime({ role: 'user', text, toolCalls: [] }, timestamp));
}

/** The assistant turn that answers the latest prompt, opened when the agent first speaks or acts. */
function assistantTurn(log: TurnLog, timestamp?: string): Turn {
  const last = log.turns[log.turns.length - 1];
  if (last && last.role === 'assistant') return last;
  const turn = withTime({ role: 'assistant', text: '', toolCalls: [] }, timestamp);
  log.turns.push(turn);
  return turn;
}

export function addAssistantText(log: TurnLog, text: string, timestamp?: string): void {
  const t = text.trim();
  if (!t) return;
  const turn = assistantTurn(log, timestamp);
  turn.text = turn.text ? `${turn.text}\n\n${t}` : t;
}

export function addToolCall(log: TurnLog, id: string | undefined, name: string, input: unknown, timestamp?: string): void {
  const turn = assistantTurn(log, timestamp);
  const call: ToolCall = { name, input: input ?? null };
  turn.toolCalls.push(call);
  if (id === undefined) return;
  log.calls[id] = [log.turns.length - 1, turn.toolCalls.length - 1];
  const early = log.early[id];
  if (early) {
    delete log.early[id];
    applyResult(call, early.output, early.isError);
  }
}

export function hasToolCall(log: TurnLog, id: string): boolean {
  return id in log.calls;
}

/** Attaches a result to the call it answers; a result for a call not seen yet waits for it. */
export function addToolResult(log: TurnLog, id: string, output: string | undefined, isError?: boolean): void {
  const at = log.calls[id];
  if (!at) {
    log.early[id] = { output, isError };
    return;
  }
  const call = log.turns[at[0]]?.toolCalls[at[1]];
  if (call) applyResult(call, output, isError);
}

function applyResult(call: ToolCall, output: string | undefined, isError?: boolean): void {
  if (output !== undefined) call.output = call.output ? `${call.output}\n${output}` : output;
  if (isError !== undefined) call.isError = isError;
}

function withTime(turn: Turn, timestamp?: string): Turn {
  if (timestamp) turn.timestamp = timestamp;
  return turn;
}
