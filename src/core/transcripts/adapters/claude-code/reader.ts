import { basename } from 'node:path';
import { ForeignRecordError, type JsonlReader } from '../../adapter';
import type { Trajectory } from '../../model';
import { addAssistantText, addToolCall, addToolResult, addUserTurn, hasToolCall, newTurnLog } from '../../turns';
import { asArray, asNonEmpty, asString, cloneJson, isObject, isoTime, type JsonObject } from '../../values';
import { classifyUserLine, type ToolResult, type UserContent } from './userLine';

interface EntryBase {
  uuid?: string;
  line: number;
  timestamp?: string;
  sessionId?: string;
  cwd?: string;
}

type Entry = EntryBase &
  (
    | { kind: 'prompt' | 'command'; text: string }
    | { kind: 'assistant'; messageId?: string; model?: string; texts: string[]; calls: Array<{ id: string; name: string; input: unknown }> }
    | { kind: 'results'; results: ToolResult[] }
    | { kind: 'skill-content'; text: string }
  );

/** Everything needed to rebuild the session, as plain JSON. */
export interface ClaudeState {
  file: string;
  /**
   * uuid → [parent uuid, uuid of the line before it] for every main-thread line, message or not (progress
   * lines sit in the chain too). The line before stands in for a parent lost to a corrupt line.
   */
  links: Record<string, [string | null, string | null]>;
  lastUuid: string | null;
  entries: Entry[];
  title?: string;
}

const KNOWN_TYPES = new Set(['user', 'assistant', 'system', 'summary', 'file-history-snapshot', 'progress', 'queue-operation']);

export const claudeCodeReader: JsonlReader<ClaudeState> = {
  kind: 'jsonl',
  source: 'claude-code',
  format: 'claude-code-jsonl',
  sniff: (records) => records.some(looksLikeClaudeLine),
  init: (file) => ({ file, links: {}, lastUuid: null, entries: [] }),
  feed(state, record, line) {
    if (!isObject(record)) throw new ForeignRecordError('not a JSON object');
    if (record.isSidechain === true) return; // sub-agent work; its result reaches the main thread as a tool result
    const type = asString(record.type);
    if (type === 'summary') {
      state.title = asString(record.summary) ?? state.title;
      return;
    }
    if (type === 'custom-title') {
      state.title = asString(record.customTitle) ?? state.title;
      return;
    }
    const uuid = asString(record.uuid);
    if (uuid) {
      state.links[uuid] = [asString(record.parentUuid) ?? asString(record.logicalParentUuid) ?? null, state.lastUuid];
      state.lastUuid = uuid;
    }
    const base: EntryBase = { uuid, line, timestamp: isoTime(record.timestamp), sessionId: asNonEmpty(record.sessionId), cwd: asString(record.cwd) };
    if (type === 'user') {
      const entry = userEntry(base, classifyUserLine(record));
      if (entry) state.entries.push(entry);
    } else if (type === 'assistant') {
      const entry = assistantEntry(record, base);
      if (entry) state.entries.push(entry);
    }
  },
  finish: (state) => {
    const trajectory = buildTrajectory(state);
    return trajectory ? [trajectory] : [];
  },
};

function looksLikeClaudeLine(r: unknown): boolean {
  if (!isObject(r) || typeof r.type !== 'string' || !KNOWN_TYPES.has(r.type)) return false;
  if (r.type === 'summary') return 'leafUuid' in r;
  if (r.type === 'file-history-snapshot') return 'snapshot' in r;
  return typeof r.sessionId === 'string' && ('parentUuid' in r || r.type === 'queue-operation');
}

// Entries are built field by field: spreading `base` into them made feeding and finishing twice as slow.
function userEntry(base: EntryBase, content: UserContent): Entry | undefined {
  const { uuid, line, timestamp, sessionId, cwd } = base;
  if (content.kind === 'ignored') return undefined;
  if (content.kind === 'results') return { uuid, line, timestamp, sessionId, cwd, kind: 'results', results: content.results };
  return { uuid, line, timestamp, sessionId, cwd, kind: content.kind, text: content.text };
}

function assistantEntry(rec: JsonObject, base: EntryBase): Entry | undefined {
  const message = isObject(rec.message) ? rec.message : undefined;
  if (!message) return undefined;
  const texts: string[] = [];
  const calls: Array<{ id: string; name: string; input: unknown }> = [];
  for (const block of asArray(message.content)) {
    if (!isObject(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    if (block.type === 'tool_use') calls.push({ id: asString(block.id) ?? '', name: asString(block.name) ?? 'unknown', input: block.input ?? null });
  }
  if (texts.length === 0 && calls.length === 0) return undefined;
  const model = asString(message.model);
  const { uuid, line, timestamp, sessionId, cwd } = base;
  return { uuid, line, timestamp, sessionId, cwd, kind: 'assistant', messageId: asString(message.id), model: model === '<synthetic>' ? undefined : model, texts, calls };
}

/**
 * The main thread is the chain of parents from the last line written (rewinds and edits leave other
 * branches behind). Lines beside the chain still belong to it when they are another block of a message on
 * the chain (a split message's parallel tool calls) or a result answering a call on it.
 */
function mainThread(state: ClaudeState): Entry[] {
  const leaf = state.entries[state.entries.length - 1];
  if (!leaf?.uuid) return state.entries;
  const chain = new Set<string>();
  for (let u: string | null | undefined = leaf.uuid; u && !chain.has(u); ) {
    chain.add(u);
    const [parent, previous]: [string | null, string | null] = state.links[u] ?? [null, null];
    u = parent === null || parent in state.links ? parent : previous;
  }
  const onChain = (e: Entry) => e.uuid !== undefined && chain.has(e.uuid);
  const messageIds = new Set<string>();
  for (const e of state.entries) if (e.kind === 'assistant' && e.messageId && onChain(e)) messageIds.add(e.messageId);
  const inThread = (e: Entry) => onChain(e) || (e.kind === 'assistant' && e.messageId !== undefined && messageIds.has(e.messageId));
  const callIds = new Set<string>();
  for (const e of state.entries) if (e.kind === 'assistant' && inThread(e)) for (const c of e.calls) callIds.add(c.id);
  return state.entries.filter((e) => inThread(e) || (e.kind === 'results' && e.results.some((r) => callIds.has(r.id))));
}

function buildTrajectory(state: ClaudeState): Trajectory | undefined {
  const entries = mainThread(state);
  const log = newTurnLog();
  const seenText = new Set<string>();
  entries.forEach((e, i) => {
    if (e.kind === 'prompt') addUserTurn(log, e.text, e.timestamp);
    // A slash command is a prompt when the model answered it; local ones (/mcp, /clear) get no answer.
    else if (e.kind === 'command' && answeredByModel(entries, i)) addUserTurn(log, e.text, e.timestamp);
    else if (e.kind === 'assistant') {
      for (const text of e.texts) {
        // split messages repeat no block in current versions, but older ones re-sent earlier text
        const key = `${e.messageId ?? e.line}\u0000${text}`;
        if (seenText.has(key)) continue;
        seenText.add(key);
        addAssistantText(log, text, e.timestamp);
      }
      for (const call of e.calls) {
        if (call.id && hasToolCall(log, call.id)) continue;
        addToolCall(log, call.id || undefined, call.name, call.input, e.timestamp);
      }
    } else if (e.kind === 'results') {
      for (const r of e.results) addToolResult(log, r.id, r.output, r.isError);
    } else if (e.kind === 'skill-content') {
      attachSkillContent(log.turns, e.text);
    }
  });
  if (log.turns.length === 0) return undefined;
  const leaf = entries[entries.length - 1];
  const models = entries.flatMap((e) => (e.kind === 'assistant' && e.model ? [e.model] : []));
  const times = entries.flatMap((e) => (e.timestamp ? [e.timestamp] : []));
  const cwd = [...entries].reverse().find((e) => e.cwd)?.cwd;
  const trajectory: Trajectory = {
    source: 'claude-code',
    format: 'claude-code-jsonl',
    sessionId: leaf?.sessionId ?? basename(state.file, '.jsonl'),
    turns: log.turns,
  };
  if (state.title) trajectory.title = state.title;
  if (cwd) trajectory.workspace = cwd;
  if (models.length > 0) trajectory.model = models[models.length - 1];
  if (times.length > 0) {
    trajectory.startedAt = times[0];
    trajectory.endedAt = times[times.length - 1];
  }
  return cloneJson(trajectory);
}

/**
 * Claude Code answers a Skill call with "Launching skill: X" and then puts the skill's text into the
 * conversation as a separate line; that text (with the installed version's marker) belongs to the call's
 * output, where attribution reads which version was loaded.
 */
function attachSkillContent(turns: Trajectory['turns'], text: string): void {
  const turn = turns[turns.length - 1];
  if (turn?.role !== 'assistant') return;
  const call = [...turn.toolCalls].reverse().find((c) => c.name === 'Skill');
  if (!call || call.output?.includes('Base directory for this skill:')) return;
  call.output = call.output ? `${call.output}\n${text}` : text;
}

function answeredByModel(entries: Entry[], i: number): boolean {
  for (let j = i + 1; j < entries.length; j++) {
    const kind = entries[j]?.kind;
    if (kind === 'assistant') return true;
    if (kind === 'prompt' || kind === 'command') return false;
  }
  return false;
}
