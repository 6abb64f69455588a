import { basename } from 'node:path';
import { ForeignRecordError, type JsonlReader } from '../../adapter';
import type { Trajectory } from '../../model';
import { newTurnLog, type TurnLog } from '../../turns';
import { asNonEmpty, cloneJson, isObject, type JsonObject } from '../../values';
import { isoFrom } from '../common/time';
import { addAgentMessage, isAgentMessage, userText } from './agent-message';

/**
 * OpenClaw trajectories: `<sessionId>.trajectory.jsonl` beside the session file (and the `events.jsonl`
 * of an exported trajectory bundle). Every line is an event envelope
 * `{traceSchema:"openclaw-trajectory", schemaVersion:1, source, type, ts, seq, sessionId, runId?, workspaceDir?,
 * provider?, modelId?, data?}`.
 *
 * What we relied on (read from openclaw/openclaw `src/trajectory/{types,runtime,export}.ts` and the agent
 * runners, 2026): `source:"runtime"` events are written during a run: `session.started`, `trace.metadata`,
 * `context.compiled`, `prompt.submitted {prompt}`, `model.completed {finalPromptText, assistantTexts,
 * messagesSnapshot}`, `trace.artifacts`, `session.ended`; payloads are size-limited (arrays cut at 64 items
 * with a `{truncated:true}` marker). `source:"transcript"` events (export bundles) carry the conversation
 * itself: `user.message`/`assistant.message`/`tool.result {message}`, plus `tool.call` duplicates of the
 * assistant's call blocks, which we skip. When a file has transcript events they are the conversation; a
 * runtime-only file is rebuilt run by run from each `model.completed` snapshot.
 */
const FORMAT = 'openclaw-trajectory';
const SCHEMA = 'openclaw-trajectory';

interface SessionState {
  sessionId: string;
  workspace?: string;
  model?: string;
  startedAt?: string;
  endedAt?: string;
  transcript: TurnLog;
  runtime: TurnLog;
  /** The prompt of the run in progress, by run id ('' when the run has none). */
  prompts: Record<string, string>;
}

export interface OpenClawState {
  fallbackId: string;
  sessions: Record<string, SessionState>;
}

export const openClawTrajectoryReader: JsonlReader<OpenClawState> = {
  kind: 'jsonl',
  source: 'openclaw',
  format: FORMAT,
  sniff(firstRecords) {
    return firstRecords.some((r) => isObject(r) && r.traceSchema === SCHEMA);
  },
  init(path) {
    return { fallbackId: basename(path).replace(/(\.trajectory)?\.jsonl$/, ''), sessions: {} };
  },
  feed(state, record) {
    if (!isObject(record) || record.traceSchema !== SCHEMA) throw new ForeignRecordError('not an openclaw-trajectory event');
    const type = asNonEmpty(record.type);
    if (!type) throw new ForeignRecordError('event without a type');
    const session = sessionOf(state, record);
    noteEnvelope(session, record);
    const data = isObject(record.data) ? record.data : {};
    const at = isoFrom(record.ts);
    if (record.source === 'runtime') feedRuntime(session, type, asNonEmpty(record.runId) ?? '', data, at);
    else feedTranscript(session, type, data, at);
  },
  finish(state) {
    return Object.values(state.sessions)
      .map(toTrajectory)
      .filter((t): t is Trajectory => !!t);
  },
};

function sessionOf(state: OpenClawState, record: JsonObject): SessionState {
  const id = asNonEmpty(record.sessionId) ?? asNonEmpty(record.traceId) ?? state.fallbackId;
  state.sessions[id] ??= { sessionId: id, transcript: newTurnLog(), runtime: newTurnLog(), prompts: {} };
  return state.sessions[id];
}

function noteEnvelope(session: SessionState, record: JsonObject): void {
  const workspace = asNonEmpty(record.workspaceDir);
  // exports replace the folder with a `$WORKSPACE_DIR` placeholder
  if (workspace && !workspace.startsWith('$')) session.workspace ??= workspace;
  session.model ??= asNonEmpty(record.modelId);
  const at = isoFrom(record.ts);
  if (at) {
    if (!session.startedAt || at < session.startedAt) session.startedAt = at;
    if (!session.endedAt || at > session.endedAt) session.endedAt = at;
  }
}

function feedTranscript(session: SessionState, type: string, data: JsonObject, at: string | undefined): void {
  if (type !== 'user.message' && type !== 'assistant.message' && type !== 'tool.result') return;
  if (!isAgentMessage(data.message)) return;
  addAgentMessage(session.transcript, data.message, at);
  if (type === 'assistant.message') session.model ??= asNonEmpty(data.message.model);
}

function feedRuntime(session: SessionState, type: string, runId: string, data: JsonObject, at: string | undefined): void {
  if (type === 'session.started') {
    const workspace = asNonEmpty(data.workspaceDir);
    if (workspace && !workspace.startsWith('$')) session.workspace ??= workspace;
  } else if (type === 'prompt.submitted') {
    const prompt = asNonEmpty(data.prompt);
    if (prompt) session.prompts[runId] = prompt;
  } else if (type === 'model.completed') {
    addRun(session, runId, data, at);
  }
}

/** One run: the prompt, then what the agent did, from the snapshot when it reaches this run. */
function addRun(session: SessionState, runId: string, data: JsonObject, at: string | undefined): void {
  const prompt = asNonEmpty(data.finalPromptText) ?? session.prompts[runId] ?? '';
  delete session.prompts[runId];
  const slice = runSlice(data.messagesSnapshot, prompt);
  if (slice) {
    // the snapshot's copy of the prompt may carry context the runner added; the run's own prompt does not
    const [first, ...rest] = slice;
    addAgentMessage(session.runtime, { ...first, content: prompt || userText(first) }, at);
    for (const message of rest) addAgentMessage(session.runtime, message, at);
    return;
  }
  addAgentMessage(session.runtime, { role: 'user', content: prompt }, at);
  const texts = Array.isArray(data.assistantTexts) ? data.assistantTexts.filter((t) => typeof t === 'string') : [];
  addAgentMessage(session.runtime, { role: 'assistant', content: texts.map((text) => ({ type: 'text', text })) }, at);
}

/**
 * The snapshot's messages from this run's prompt on. Undefined when the snapshot is missing or was cut
 * short before the prompt (then only the run's final texts are known).
 */
function runSlice(snapshot: unknown, prompt: string): JsonObject[] | undefined {
  if (!Array.isArray(snapshot)) return undefined;
  const truncated = snapshot.some((m) => isObject(m) && m.truncated === true);
  const messages = snapshot.filter(isAgentMessage);
  const users = messages.map((m, i) => (m.role === 'user' ? i : -1)).filter((i) => i >= 0);
  const matching = users.filter((i) => prompt && sameText(userText(messages[i]), prompt));
  const start = matching.length ? matching[matching.length - 1] : truncated ? -1 : users[users.length - 1] ?? -1;
  return start >= 0 ? messages.slice(start) : undefined;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b) || norm(a).includes(norm(b));
}

function toTrajectory(session: SessionState): Trajectory | undefined {
  const log = session.transcript.turns.length > 0 ? session.transcript : session.runtime;
  if (log.turns.length === 0) return undefined;
  const t: Trajectory = { source: 'openclaw', format: FORMAT, sessionId: session.sessionId, turns: cloneJson(log.turns) };
  if (session.workspace) t.workspace = session.workspace;
  if (session.model) t.model = session.model;
  if (session.startedAt) t.startedAt = session.startedAt;
  if (session.endedAt) t.endedAt = session.endedAt;
  return t;
}
