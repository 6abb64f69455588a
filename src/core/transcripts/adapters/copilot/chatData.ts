import { basename, dirname, extname } from 'node:path';
import type { Trajectory } from '../../model';
import { addUserTurn, newTurnLog } from '../../turns';
import { asArray, asNonEmpty, asNumber, asObject, asString, isObject, isoTime, textOf, type JsonObject } from '../../values';
import { workspaceFromStorage } from '../../vscodeWorkspace';
import { addResponse } from './response';

/**
 * One chat session as VS Code serializes it (ISerializableChatData v1–v3, or IExportableChatData from
 * "Export Chat", which has no id, version or dates). Every request is a prompt and its answer.
 */
export function chatDataTrajectory(data: JsonObject, file: string, format: string): Trajectory | undefined {
  const log = newTurnLog();
  const requests = asArray(data.requests).filter(isObject);
  let model: string | undefined;
  let endedAt: string | undefined;
  for (const request of requests) {
    const text = promptOf(request.message);
    if (!text) continue;
    const ts = isoTime(request.timestamp);
    addUserTurn(log, text, ts);
    addResponse(log, request, ts);
    model = asString(request.modelId) ?? model;
    endedAt = requestEnd(request) ?? ts ?? endedAt;
  }
  if (log.turns.length === 0) return undefined;
  const t: Trajectory = { source: 'copilot', format, sessionId: sessionIdOf(data, requests, file), turns: log.turns };
  const title = asString(data.customTitle) ?? asString(data.computedTitle);
  if (title) t.title = title;
  const workspace = workspaceOf(file);
  if (workspace) t.workspace = workspace;
  model ??= asString(asObject(asObject(data.inputState)?.selectedModel)?.identifier);
  if (model) t.model = model;
  const startedAt = isoTime(data.creationDate) ?? log.turns[0]?.timestamp;
  if (startedAt) t.startedAt = startedAt;
  endedAt ??= isoTime(data.lastMessageDate);
  if (endedAt) t.endedAt = endedAt;
  return JSON.parse(JSON.stringify(t)) as Trajectory;
}

/** The format name for a serialized session: its version, or an export when it has no session id. */
export function chatDataFormat(data: JsonObject): string {
  if (asNonEmpty(data.sessionId) === undefined) return 'copilot-export';
  return `copilot-chatsession-v${asNumber(data.version) ?? 1}`;
}

function promptOf(message: unknown): string {
  if (typeof message === 'string') return message.trim();
  const m = asObject(message);
  if (!m) return '';
  return (asString(m.text) ?? textOf(asArray(m.parts))).trim();
}

function requestEnd(request: JsonObject): string | undefined {
  const completed = isoTime(asObject(request.modelState)?.completedAt);
  if (completed) return completed;
  const start = asNumber(request.timestamp);
  const elapsed = asNumber(asObject(asObject(request.result)?.timings)?.totalElapsed);
  return start !== undefined && elapsed !== undefined ? isoTime(start + elapsed) : undefined;
}

function sessionIdOf(data: JsonObject, requests: JsonObject[], file: string): string {
  const id = asNonEmpty(data.sessionId);
  if (id) return id;
  // an export has no id: its first request id is stable across re-reads and unique to the session
  return asNonEmpty(requests[0]?.requestId) ?? basename(file, extname(file));
}

/** Sessions live in `workspaceStorage/<wsId>/chatSessions/`; the folder is named in `<wsId>/workspace.json`. */
function workspaceOf(file: string): string | undefined {
  return basename(dirname(file)) === 'chatSessions' ? workspaceFromStorage(file, 2) : undefined;
}
