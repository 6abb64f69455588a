import type { ToolCall, Trajectory } from '../../model';
import { isoFrom, span } from '../common/time';
import { addAssistantText, newTurnLog, type TurnLog } from '../../turns';
import { asNonEmpty, asNumber, isObject, type JsonObject } from '../../values';
import { addFinishedToolCall, addPrompt } from '../common/turns';
import { outputText } from '../common/values';

/**
 * OpenCode's model, shared by its SQLite store (≥ 1.2) and the JSON `storage/` tree before it:
 * a session has messages (`data.role` user | assistant), a message has parts discriminated by `type`.
 * A `tool` part holds both the call and its result (`state.input`, `state.output` / `state.error`).
 */
export interface OpenCodeSession {
  id: string;
  title?: string;
  directory?: string;
  worktree?: string;
  parentId?: string;
  timeCreated?: number;
  timeUpdated?: number;
}

export interface OpenCodeMessage {
  id: string;
  data: JsonObject;
  timeCreated?: number;
  parts: JsonObject[];
}

export function openCodeTrajectory(
  session: OpenCodeSession,
  messages: OpenCodeMessage[],
  format: string,
): Trajectory | undefined {
  const log = newTurnLog();
  for (const message of sortMessages(messages)) {
    const at = isoFrom(isObject(message.data.time) ? message.data.time.created : undefined) ?? isoFrom(message.timeCreated);
    if (message.data.role === 'user') addPrompt(log, humanText(message.parts), at);
    else if (message.data.role === 'assistant') addAssistant(log, message.parts, at);
  }
  if (log.turns.length === 0) return undefined;
  const trajectory: Trajectory = { source: 'opencode', format, sessionId: session.id, turns: log.turns };
  if (session.title) trajectory.title = session.title;
  const workspace = session.directory || session.worktree || cwdOf(messages);
  if (workspace) trajectory.workspace = workspace;
  const model = modelOf(messages);
  if (model) trajectory.model = model;
  const times = span(log.turns.map((t) => t.timestamp));
  const startedAt = isoFrom(session.timeCreated) ?? times.startedAt;
  const endedAt = isoFrom(session.timeUpdated) ?? times.endedAt;
  if (startedAt) trajectory.startedAt = startedAt;
  if (endedAt) trajectory.endedAt = endedAt;
  return trajectory;
}

/** Messages by creation time, then id (ids are time-sortable). */
function sortMessages(messages: OpenCodeMessage[]): OpenCodeMessage[] {
  const created = (m: OpenCodeMessage) => asNumber(isObject(m.data.time) ? m.data.time.created : undefined) ?? m.timeCreated ?? 0;
  return [...messages].sort((a, b) => created(a) - created(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What the person typed: text parts OpenCode did not add itself (`synthetic`) or drop (`ignored`). */
function humanText(parts: JsonObject[]): string {
  return parts
    .filter((p) => p.type === 'text' && !p.synthetic && !p.ignored)
    .map((p) => asNonEmpty(p.text) ?? '')
    .join('\n\n');
}

function addAssistant(log: TurnLog, parts: JsonObject[], at: string | undefined): void {
  for (const part of parts) {
    if (part.type === 'text' && !part.synthetic) addAssistantText(log, asNonEmpty(part.text) ?? '', at);
    else if (part.type === 'tool') addFinishedToolCall(log, toolCall(part), at);
  }
}

function toolCall(part: JsonObject): ToolCall {
  const state = isObject(part.state) ? part.state : {};
  const call: ToolCall = { name: asNonEmpty(part.tool) ?? 'unknown', input: state.input ?? {} };
  const output = outputText(state.output) ?? outputText(state.error);
  if (output !== undefined) call.output = output;
  if (state.status === 'error') call.isError = true;
  return call;
}

function modelOf(messages: OpenCodeMessage[]): string | undefined {
  for (const m of messages) {
    const id = asNonEmpty(m.data.modelID) ?? (isObject(m.data.model) ? asNonEmpty(m.data.model.modelID) : undefined);
    if (id) return id;
  }
  return undefined;
}

function cwdOf(messages: OpenCodeMessage[]): string | undefined {
  for (const m of messages) {
    const path = isObject(m.data.path) ? m.data.path : undefined;
    const cwd = path && (asNonEmpty(path.cwd) ?? asNonEmpty(path.root));
    if (cwd) return cwd;
  }
  return undefined;
}

/**
 * Child sessions (`parentId`) are sub-agents: their prompts were written by the parent agent, whose
 * `task` call already carries them. They are skipped when the parent is in the same store.
 */
export function isSubAgent(session: OpenCodeSession, known: Set<string>): boolean {
  return !!session.parentId && known.has(session.parentId);
}
