import type { ToolCall, Trajectory } from '../../model';
import { isoFrom } from '../common/time';
import { addAssistantText, newTurnLog, type TurnLog } from '../../turns';
import { asNonEmpty, asNumber, isObject, parseMaybeJson, type JsonObject } from '../../values';
import { addFinishedToolCall, addPrompt } from '../common/turns';
import { objects, outputText, tryParseJson } from '../common/values';
import { lexicalText } from './lexical-text';

/**
 * One Cursor composer (chat / agent session). Its `composerData` row lists the bubbles in order
 * (`fullConversationHeadersOnly`, bubbles in their own `bubbleId:<cid>:<bid>` rows) or, in builds up to
 * about v0.43, carries them inline (`conversation`). Bubble type 1 is the person, 2 the agent.
 * composerData also holds encryption keys: only the fields named here are ever read.
 */
export interface Composer {
  composerId: string;
  data: JsonObject;
  /** Separate bubble rows by bubble id; empty for inline composers. */
  bubbles: Map<string, JsonObject>;
  workspace?: string;
}

const USER = 1;
const AGENT = 2;

export function composerTrajectory(c: Composer): Trajectory | undefined {
  const separate = Array.isArray(c.data.fullConversationHeadersOnly) && c.data.fullConversationHeadersOnly.length > 0;
  const bubbles = separate ? orderedBubbles(c) : objects(c.data.conversation);
  const log = newTurnLog();
  const toolData = v1ToolData(c.data);
  for (const bubble of bubbles) addBubble(log, bubble, toolData);
  if (log.turns.length === 0) return undefined;

  const trajectory: Trajectory = {
    source: 'cursor',
    format: separate ? 'cursor-composer' : 'cursor-composer-inline',
    sessionId: c.composerId,
    turns: log.turns,
  };
  const title = asNonEmpty(c.data.name);
  if (title) trajectory.title = title;
  if (c.workspace) trajectory.workspace = c.workspace;
  const model = modelOf(c.data, bubbles);
  if (model) trajectory.model = model;
  const startedAt = isoFrom(c.data.createdAt) ?? log.turns.find((t) => t.timestamp)?.timestamp;
  if (startedAt) trajectory.startedAt = startedAt;
  const endedAt = isoFrom(c.data.lastUpdatedAt);
  if (endedAt) trajectory.endedAt = endedAt;
  return trajectory;
}

/** The folder recorded on the composer itself (Cursor ≥ 3.12). */
export function composerWorkspace(data: JsonObject): string | undefined {
  const id = isObject(data.workspaceIdentifier) ? data.workspaceIdentifier : undefined;
  return id && isObject(id.uri) ? asNonEmpty(id.uri.fsPath) : undefined;
}

export function composerWorkspaceId(data: JsonObject): string | undefined {
  return isObject(data.workspaceIdentifier) ? asNonEmpty(data.workspaceIdentifier.id) : undefined;
}

/** Headers in order; when Cursor marks renderability, it hides the rest and so do we. */
function orderedBubbles(c: Composer): JsonObject[] {
  const headers = objects(c.data.fullConversationHeadersOnly);
  const marked = headers.some((h) => 'grouping' in h);
  return headers
    .filter((h) => !marked || (isObject(h.grouping) && h.grouping.isRenderable === true))
    .map((h) => c.bubbles.get(asNonEmpty(h.bubbleId) ?? ''))
    .filter((b): b is JsonObject => !!b);
}

function addBubble(log: TurnLog, bubble: JsonObject, v1: Map<string, JsonObject>): void {
  const at = isoFrom(bubble.createdAt) ?? (isObject(bubble.timingInfo) ? isoFrom(bubble.timingInfo.clientStartTime) : undefined);
  const text = asNonEmpty(bubble.text) ?? lexicalText(bubble.richText);
  if (bubble.type === USER) {
    addPrompt(log, text, at);
    return;
  }
  if (bubble.type !== AGENT) return;
  addAssistantText(log, text, at);
  const tool = isObject(bubble.toolFormerData) ? bubble.toolFormerData : v1.get(asNonEmpty(bubble.bubbleId) ?? '');
  if (tool && (asNonEmpty(tool.name) || asNumber(tool.tool) !== undefined)) addFinishedToolCall(log, toolCall(tool), at);
}

function toolCall(tool: JsonObject): ToolCall {
  const call: ToolCall = {
    name: asNonEmpty(tool.name) ?? `tool-${asNumber(tool.tool)}`,
    input: parseMaybeJson(tool.rawArgs ?? tool.params) ?? {},
  };
  const status = asNonEmpty(tool.status);
  const output = outputText(tool.result) ?? asNonEmpty(tool.error) ?? (status === 'cancelled' ? '(cancelled)' : undefined);
  if (output !== undefined) call.output = output;
  // A cancelled call did not do its job either; outcome scoring counts both.
  if (status === 'error' || status === 'cancelled' || asNonEmpty(tool.error)) call.isError = true;
  return call;
}

/** Before `_v` 3, tool payloads sat in `capabilities[].data.bubbleDataMap`, sometimes as a JSON string. */
function v1ToolData(data: JsonObject): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const cap of objects(data.capabilities)) {
    const raw = isObject(cap.data) ? cap.data.bubbleDataMap : undefined;
    const map = typeof raw === 'string' ? tryParseJson(raw) : raw;
    if (!isObject(map)) continue;
    for (const [id, value] of Object.entries(map)) if (isObject(value)) out.set(id, value);
  }
  return out;
}

function modelOf(data: JsonObject, bubbles: JsonObject[]): string | undefined {
  const configured = isObject(data.modelConfig) ? asNonEmpty(data.modelConfig.modelName) : undefined;
  if (configured) return configured;
  for (const b of bubbles) {
    const name = isObject(b.modelInfo) ? asNonEmpty(b.modelInfo.modelName) : undefined;
    if (name) return name;
  }
  return undefined;
}
