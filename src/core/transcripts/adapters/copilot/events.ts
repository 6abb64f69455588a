import { basename, dirname } from 'node:path';
import { ForeignRecordError, type JsonlReader } from '../../adapter';
import type { Trajectory } from '../../model';
import { addAssistantText, addToolCall, addToolResult, addUserTurn, hasToolCall, newTurnLog, type TurnLog } from '../../turns';
import { asArray, asNonEmpty, asObject, asString, isObject, isoTime, parseMaybeJson, textOf, type JsonObject } from '../../values';
import { workspaceFromStorage } from '../../vscodeWorkspace';

export interface EventStreamState {
  file: string;
  format: string;
  sessionId?: string;
  workspace?: string;
  model?: string;
  startedAt?: string;
  endedAt?: string;
  log: TurnLog;
}

const AGENT_TRANSCRIPT = 'copilot-agent-transcript';
const CLI_EVENTS = 'copilot-cli-events';

/**
 * The Copilot agent event stream: VS Code's `GitHub.copilot-chat/transcripts/<id>.jsonl` (2026) and the
 * Copilot CLI's `session-state/<id>/events.jsonl` share it. Each line is `{type, data, id, timestamp, parentId}`.
 */
export const eventStreamReader: JsonlReader<EventStreamState> = {
  kind: 'jsonl',
  source: 'copilot',
  format: 'copilot-events',
  sniff: (records) => records.some((r) => isObject(r) && typeof r.type === 'string' && /^(session|user|assistant|tool)\./.test(r.type) && isObject(r.data)),
  init(file) {
    const inVsCode = basename(dirname(file)) === 'transcripts';
    const state: EventStreamState = { file, format: inVsCode ? AGENT_TRANSCRIPT : CLI_EVENTS, log: newTurnLog() };
    // <wsId>/GitHub.copilot-chat/transcripts/<id>.jsonl
    if (inVsCode) state.workspace = workspaceFromStorage(file, 3);
    return state;
  },
  feed(state, record) {
    if (!isObject(record) || typeof record.type !== 'string') throw new ForeignRecordError('not an agent event: no type');
    const data = asObject(record.data) ?? {};
    const ts = isoTime(record.timestamp);
    if (ts) {
      state.startedAt ??= ts;
      state.endedAt = ts;
    }
    handle(state, record.type, data, ts);
  },
  finish(state) {
    if (state.log.turns.length === 0) return [];
    const t: Trajectory = { source: 'copilot', format: state.format, sessionId: state.sessionId ?? basename(state.file, '.jsonl'), turns: state.log.turns };
    if (state.workspace) t.workspace = state.workspace;
    if (state.model) t.model = state.model;
    if (state.startedAt) t.startedAt = state.startedAt;
    if (state.endedAt) t.endedAt = state.endedAt;
    return [JSON.parse(JSON.stringify(t)) as Trajectory];
  },
};

function handle(state: EventStreamState, type: string, data: JsonObject, ts?: string): void {
  switch (type) {
    case 'session.start':
    case 'session.resume': {
      state.sessionId ??= asNonEmpty(data.sessionId);
      if (asString(data.vscodeVersion)) state.format = AGENT_TRANSCRIPT;
      state.workspace = asString(asObject(data.context)?.cwd) ?? state.workspace;
      state.startedAt = isoTime(data.startTime) ?? state.startedAt;
      return;
    }
    case 'session.model_change':
      state.model = asString(data.newModel) ?? state.model;
      return;
    case 'user.message': {
      const text = (asString(data.content) ?? '').trim();
      if (text) addUserTurn(state.log, text, ts);
      return;
    }
    case 'assistant.message': {
      if (asString(data.parentToolCallId)) return; // a sub-agent's message; its parent call carries the result
      state.model = asString(data.model) ?? state.model;
      addAssistantText(state.log, asString(data.content) ?? '', ts);
      for (const req of asArray(data.toolRequests).filter(isObject)) {
        addToolCall(state.log, asString(req.toolCallId), asString(req.name) ?? 'unknown', parseMaybeJson(req.arguments), ts);
      }
      return;
    }
    case 'tool.execution_start': {
      const id = asString(data.toolCallId);
      if (asString(data.parentToolCallId)) return;
      if (id && !hasToolCall(state.log, id)) addToolCall(state.log, id, asString(data.toolName) ?? 'unknown', parseMaybeJson(data.arguments), ts);
      return;
    }
    case 'tool.execution_complete': {
      const id = asString(data.toolCallId);
      if (!id || asString(data.parentToolCallId)) return;
      const { output, isError } = completion(data);
      addToolResult(state.log, id, output, isError);
      return;
    }
    default:
      return; // turn markers, system messages, shutdown: nothing for the trajectory
  }
}

function completion(data: JsonObject): { output?: string; isError?: boolean } {
  const result = data.result;
  const r = asObject(result);
  const error = asObject(data.error);
  const output =
    typeof result === 'string'
      ? result
      : (asString(r?.content) ?? asString(r?.text_result_for_llm) ?? asString(r?.detailedContent) ?? (error ? asString(error.message) : undefined) ?? (r ? textOf(r.contents) || undefined : undefined));
  let isError: boolean | undefined;
  if (typeof data.success === 'boolean') isError = !data.success;
  const kind = asString(r?.result_type) ?? asString(r?.resultType);
  if (kind) isError = kind !== 'success';
  if (error) isError = true;
  return { output, isError };
}
