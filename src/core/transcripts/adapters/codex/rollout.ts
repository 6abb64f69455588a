import { basename } from 'node:path';
import type { Trajectory } from '../../model';
import { addAssistantText, addToolCall, addToolResult, addUserTurn, newTurnLog } from '../../turns';
import { asArray, asNonEmpty, asObject, asString, cloneJson, isObject, isoTime, parseMaybeJson, type JsonObject } from '../../values';
import { toolOutput } from './output';
import { cwdFromEnvironment, humanPrompt } from './prompts';

/** One rollout record whatever the era wrote: `session_meta`, `response_item`, `event_msg`, `turn_context`… */
export interface RolloutItem {
  type: string;
  payload: JsonObject;
  timestamp?: string;
}

type Entry =
  | { k: 'user-item' | 'user-event' | 'assistant-item' | 'assistant-event'; text: string; ts?: string }
  | { k: 'call'; id?: string; name: string; input: unknown; ts?: string }
  | { k: 'output'; id: string; output?: string; isError?: boolean };

/** A rollout's session so far, as plain JSON. */
export interface RolloutState {
  file: string;
  format: string;
  id?: string;
  forkedFrom?: string;
  subagent: boolean;
  /** Inside history a fork copied from its ancestors: already read from their own files. */
  replaying: boolean;
  cwd?: string;
  model?: string;
  title?: string;
  startedAt?: string;
  endedAt?: string;
  entries: Entry[];
}

export function newRolloutState(file: string, format: string): RolloutState {
  return { file, format, subagent: false, replaying: false, entries: [] };
}

const CALL_TYPES = new Set(['function_call', 'custom_tool_call', 'local_shell_call', 'web_search_call', 'tool_search_call', 'image_generation_call']);
const OUTPUT_TYPES = new Set(['function_call_output', 'custom_tool_call_output', 'tool_search_call_output']);

export function feedRollout(state: RolloutState, item: RolloutItem): void {
  const { type, payload } = item;
  if (type === 'session_meta') return meta(state, item);
  if (state.replaying) {
    if (!startsOwnTurn(state, item)) return;
    state.replaying = false;
  }
  const ts = isoTime(item.timestamp);
  if (ts) {
    state.startedAt ??= ts;
    state.endedAt = ts;
  }
  if (type === 'turn_context') {
    state.cwd = asString(payload.cwd) ?? state.cwd;
    state.model = asString(payload.model) ?? state.model;
  } else if (type === 'response_item') {
    responseItem(state, payload, ts);
  } else if (type === 'event_msg') {
    eventMessage(state, payload, ts);
  }
}

function meta(state: RolloutState, item: RolloutItem): void {
  const p = item.payload;
  const id = asNonEmpty(p.id);
  if (state.id === undefined) {
    state.id = id;
    state.forkedFrom = asString(p.forked_from_id);
    state.subagent = isObject(asObject(p.source)?.subagent) || p.thread_source === 'subagent';
    state.cwd = asString(p.cwd) ?? state.cwd;
    state.model = asString(p.model) ?? state.model;
    state.startedAt = isoTime(p.timestamp) ?? isoTime(item.timestamp);
    return;
  }
  // A fork copies its ancestors' records, metas included, before its own turns. Without time-ordered ids
  // there is no telling copied records from new ones, so everything is kept.
  if (id !== state.id && state.forkedFrom !== undefined && uuidV7Time(state.id) !== undefined) state.replaying = true;
}

/** A turn start whose (time-ordered) id is not older than the fork itself ends the copied history. */
function startsOwnTurn(state: RolloutState, item: RolloutItem): boolean {
  const p = item.payload;
  const isTurnStart = item.type === 'turn_context' || (item.type === 'event_msg' && (p.type === 'task_started' || p.type === 'turn_started'));
  if (!isTurnStart) return false;
  const turn = uuidV7Time(asString(p.turn_id));
  const own = uuidV7Time(state.id);
  return turn !== undefined && own !== undefined && turn >= own;
}

function responseItem(state: RolloutState, p: JsonObject, ts?: string): void {
  const type = asString(p.type) ?? '';
  if (type === 'message') {
    const text = asArray(p.content)
      .filter(isObject)
      .map((c) => asString(c.text) ?? '')
      .join('\n');
    if (p.role === 'user') {
      state.cwd ??= cwdFromEnvironment(text);
      const prompt = humanPrompt(text);
      if (prompt) state.entries.push({ k: 'user-item', text: prompt, ts });
    } else if (p.role === 'assistant') {
      state.entries.push({ k: 'assistant-item', text, ts });
    }
  } else if (CALL_TYPES.has(type)) {
    state.entries.push({ k: 'call', id: asString(p.call_id) ?? asString(p.id), name: callName(type, p), input: callInput(type, p), ts });
  } else if (OUTPUT_TYPES.has(type)) {
    const id = asString(p.call_id);
    if (id) state.entries.push({ k: 'output', id, ...toolOutput(p.output) });
  }
}

function callName(type: string, p: JsonObject): string {
  if (type === 'function_call' || type === 'custom_tool_call') return asString(p.name) ?? 'unknown';
  return type.replace(/_call$/, '');
}

function callInput(type: string, p: JsonObject): unknown {
  if (type === 'function_call') return parseMaybeJson(p.arguments);
  if (type === 'custom_tool_call') return p.input ?? null;
  return p.action ?? p.arguments ?? null;
}

function eventMessage(state: RolloutState, p: JsonObject, ts?: string): void {
  const type = asString(p.type);
  if (type === 'user_message') {
    const prompt = humanPrompt(asString(p.message) ?? '');
    if (prompt) state.entries.push({ k: 'user-event', text: prompt, ts });
  } else if (type === 'agent_message') {
    state.entries.push({ k: 'assistant-event', text: asString(p.message) ?? '', ts });
  } else if (type === 'thread_name_updated') {
    state.title = asString(p.thread_name) ?? state.title;
  }
}

/**
 * Prompts and replies are recorded twice, as model items and as UI events. Events hold the cleanest
 * prompt, so they win when the file has them; the model items win for replies. Older files have only one.
 */
export function finishRollout(state: RolloutState): Trajectory[] {
  if (state.subagent) return []; // its prompts come from the parent agent; the parent's tool call has the result
  const has = (k: Entry['k']) => state.entries.some((e) => e.k === k);
  const userKind = has('user-event') ? 'user-event' : 'user-item';
  const assistantKind = has('assistant-item') ? 'assistant-item' : 'assistant-event';
  const log = newTurnLog();
  for (const e of state.entries) {
    if (e.k === userKind) addUserTurn(log, e.text, e.ts);
    else if (e.k === assistantKind) addAssistantText(log, e.text, e.ts);
    else if (e.k === 'call') addToolCall(log, e.id, e.name, e.input, e.ts);
    else if (e.k === 'output') addToolResult(log, e.id, e.output, e.isError);
  }
  if (log.turns.length === 0) return [];
  const t: Trajectory = { source: 'codex', format: state.format, sessionId: state.id ?? idFromName(state.file), turns: log.turns };
  if (state.title) t.title = state.title;
  if (state.cwd) t.workspace = state.cwd;
  if (state.model) t.model = state.model;
  if (state.startedAt) t.startedAt = state.startedAt;
  if (state.endedAt) t.endedAt = state.endedAt;
  return [cloneJson(t)];
}

/** `rollout-2025-09-01T10-00-00-<uuid>.jsonl` → the uuid. */
function idFromName(file: string): string {
  const name = basename(file).replace(/\.jsonl?$/, '');
  return /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.exec(name)?.[0] ?? name;
}

/** The millisecond timestamp in a UUIDv7, or undefined for any other id. */
export function uuidV7Time(id: string | undefined): number | undefined {
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
