import { readFile } from 'node:fs/promises';
import type { ParseOutput, WholeReader } from '../../adapter';
import type { ToolCall, Trajectory } from '../../model';
import { addAssistantText, newTurnLog, type TurnLog } from '../../turns';
import { asArray, asNonEmpty, isObject, isoTime, type JsonObject } from '../../values';
import { span } from '../common/time';
import { addFinishedToolCall, addPrompt } from '../common/turns';
import { objects, outputText } from '../common/values';

/**
 * Gemini CLI's saved chats (`~/.gemini/tmp/<projectHash>/chats/session-*.json`): one JSON object per session,
 * `{sessionId, projectHash, startTime, lastUpdated, messages}`. A message is `user` or `gemini` (others,
 * such as `info`, `error` and `warning`, are the CLI talking, not a turn); a `gemini` message carries its
 * tool calls with their results. Thoughts are left out. The project hash is a digest of the folder, so the
 * session itself does not say its workspace (discovery judges the hash instead).
 */
const FORMAT = 'gemini-cli-session';

export const geminiSessionReader: WholeReader = {
  kind: 'whole',
  source: 'gemini-cli',
  format: FORMAT,
  sniff(path, head) {
    return !!head && /\.json$/i.test(path) && /^\s*\{/.test(head) && ['"sessionId"', '"projectHash"', '"messages"'].every((k) => head.includes(k));
  },
  async read(path): Promise<ParseOutput> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      return { trajectories: [], problems: [{ file: path, reason: 'not valid JSON (truncated or corrupt Gemini CLI session)' }] };
    }
    const sessionId = isObject(parsed) ? asNonEmpty(parsed.sessionId) : undefined;
    if (!isObject(parsed) || !sessionId || !Array.isArray(parsed.messages)) {
      return { trajectories: [], problems: [{ file: path, reason: 'not a Gemini CLI session: no sessionId or messages' }] };
    }
    const log = newTurnLog();
    for (const message of objects(parsed.messages)) addMessage(log, message);
    if (log.turns.length === 0) return { trajectories: [], problems: [{ file: path, reason: 'no user or agent message found' }] };
    return { trajectories: [trajectory(sessionId, parsed, log)], problems: [] };
  },
};

function addMessage(log: TurnLog, message: JsonObject): void {
  const at = isoTime(message.timestamp);
  if (message.type === 'user') return addPrompt(log, partsText(message.content), at);
  if (message.type !== 'gemini') return;
  addAssistantText(log, partsText(message.content), at);
  for (const call of objects(message.toolCalls)) addFinishedToolCall(log, toolCall(call), isoTime(call.timestamp) ?? at);
}

function toolCall(call: JsonObject): ToolCall {
  const out: ToolCall = { name: asNonEmpty(call.name) ?? 'unknown', input: call.args ?? {} };
  const output = resultText(call.result) ?? (typeof call.resultDisplay === 'string' && call.resultDisplay ? call.resultDisplay : undefined);
  if (output !== undefined) out.output = output;
  // the shell tool succeeds whatever the command did; its output ends with the command's exit code
  if (call.status === 'error' || call.status === 'cancelled' || Number(/^Exit Code: (\d+)\s*$/m.exec(output ?? '')?.[1] ?? 0) > 0) out.isError = true;
  return out;
}

/** What the tool answered the model: each `functionResponse.response` output (or error), in order. */
function resultText(result: unknown): string | undefined {
  const texts: string[] = [];
  for (const part of asArray(result)) {
    const response = isObject(part) && isObject(part.functionResponse) ? part.functionResponse.response : undefined;
    if (!isObject(response)) continue;
    const text = outputText(response.output ?? response.error ?? response);
    if (text) texts.push(text);
  }
  return texts.length > 0 ? texts.join('\n') : undefined;
}

/** A message's content: a string, or parts whose texts run on (the CLI splits one prompt into several). */
function partsText(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((p) => (isObject(p) && typeof p.text === 'string' ? p.text : ''))
    .join('');
}

function trajectory(sessionId: string, session: JsonObject, log: TurnLog): Trajectory {
  const t: Trajectory = { source: 'gemini-cli', format: FORMAT, sessionId, turns: log.turns };
  const model = objects(session.messages)
    .map((m) => asNonEmpty(m.model))
    .find((m) => m !== undefined);
  if (model) t.model = model;
  const { startedAt, endedAt } = span([isoTime(session.startTime), isoTime(session.lastUpdated), ...log.turns.map((x) => x.timestamp)]);
  if (startedAt) t.startedAt = startedAt;
  if (endedAt && endedAt !== startedAt) t.endedAt = endedAt;
  return t;
}
