import { basename } from 'node:path';
import { ForeignRecordError, type JsonlReader } from '../../adapter';
import type { Trajectory } from '../../model';
import { addAssistantText, addToolCall, newTurnLog, type TurnLog } from '../../turns';
import { asNonEmpty, cloneJson, isObject, type JsonObject } from '../../values';
import { addPrompt } from '../common/turns';
import { objects } from '../common/values';
import { userPrompt } from './user-query';
import { withoutRedactions } from './redactions';
import { folderForSlug, folderFromToolInput, projectSlug } from './workspace-slug';

/**
 * Cursor agent transcripts, 2026: `~/.cursor/projects/<slug>/agent-transcripts/<uuid>/<uuid>.jsonl`,
 * lines `{role, message:{content:[text|tool_use]}}` and `{type:"turn_end"}` markers. No timestamps per line,
 * no tool results, thinking replaced by `[REDACTED]`.
 */
interface State {
  sessionId: string;
  slug?: string;
  workspace?: string;
  log: TurnLog;
}

const FORMAT = 'cursor-agent-jsonl';

export const cursorAgentJsonlReader: JsonlReader<State> = {
  kind: 'jsonl',
  source: 'cursor',
  format: FORMAT,
  sniff(firstRecords) {
    const first = firstRecords.find((r) => isObject(r) && 'role' in r);
    return isObject(first) && isCursorMessage(first);
  },
  init(path) {
    const slug = projectSlug(path);
    return { sessionId: basename(path, '.jsonl'), slug, workspace: slug ? folderForSlug(slug) : undefined, log: newTurnLog() };
  },
  feed(state, record) {
    if (!isObject(record)) throw new ForeignRecordError('not a JSON object');
    if ('parentUuid' in record || 'sessionId' in record) throw new ForeignRecordError('a Claude Code line');
    if (!('role' in record)) {
      if (typeof record.type === 'string') return;
      throw new ForeignRecordError('neither a message nor a marker');
    }
    if (!isCursorMessage(record)) throw new ForeignRecordError('message without content blocks');
    const blocks = objects((record.message as JsonObject).content);
    if (record.role === 'user') addUser(state.log, blocks);
    else if (record.role === 'assistant') addAssistant(state, blocks);
  },
  finish(state) {
    if (state.log.turns.length === 0) return [];
    const trajectory: Trajectory = { source: 'cursor', format: FORMAT, sessionId: state.sessionId, turns: cloneJson(state.log.turns) };
    if (state.workspace) trajectory.workspace = state.workspace;
    const first = state.log.turns.find((t) => t.timestamp)?.timestamp;
    if (first) trajectory.startedAt = first;
    return [trajectory];
  },
};

function isCursorMessage(r: JsonObject): boolean {
  return (r.role === 'user' || r.role === 'assistant') && isObject(r.message) && Array.isArray(r.message.content);
}

function addUser(log: TurnLog, blocks: JsonObject[]): void {
  const raw = blocks.filter((b) => b.type === 'text').map((b) => asNonEmpty(b.text) ?? '').join('\n');
  const prompt = userPrompt(raw);
  addPrompt(log, prompt.text, prompt.timestamp);
}

function addAssistant(state: State, blocks: JsonObject[]): void {
  for (const block of blocks) {
    if (block.type === 'text') addAssistantText(state.log, withoutRedactions(asNonEmpty(block.text) ?? ''));
    else if (block.type === 'tool_use') {
      const input = block.input ?? {};
      addToolCall(state.log, undefined, asNonEmpty(block.name) ?? 'unknown', input);
      if (!state.workspace && state.slug) state.workspace = folderFromToolInput(state.slug, input);
    }
  }
}
