import { readFile } from 'node:fs/promises';
import { ForeignRecordError, type JsonlReader, type WholeReader } from '../../adapter';
import { asArray, asObject, asString, isObject } from '../../values';
import { feedRollout, finishRollout, newRolloutState, type RolloutState } from './rollout';

const WRAPPED_TYPES = new Set(['session_meta', 'response_item', 'event_msg', 'turn_context', 'compacted']);

/** Sep 2025 on: every line is `{timestamp, type, payload}`. */
export const wrappedRolloutReader: JsonlReader<RolloutState> = {
  kind: 'jsonl',
  source: 'codex',
  format: 'codex-rollout-wrapped',
  sniff: (records) => records.some((r) => isObject(r) && typeof r.type === 'string' && WRAPPED_TYPES.has(r.type) && isObject(r.payload)),
  init: (file) => newRolloutState(file, 'codex-rollout-wrapped'),
  feed(state, record) {
    if (!isObject(record)) throw new ForeignRecordError('not a JSON object');
    if (typeof record.type !== 'string' || !isObject(record.payload)) throw new ForeignRecordError('not a rollout line: no type and payload');
    feedRollout(state, { type: record.type, payload: record.payload, timestamp: asString(record.timestamp) });
  },
  finish: finishRollout,
};

/**
 * Until about Sep 2025: a bare `{id, timestamp, instructions?}` first line, then bare model items,
 * with `{"record_type":"state"}` snapshots between them in later builds of that era.
 */
export const bareRolloutReader: JsonlReader<RolloutState> = {
  kind: 'jsonl',
  source: 'codex',
  format: 'codex-rollout-bare',
  sniff: (records) => isBareMeta(records[0]) || records.some((r) => isObject(r) && r.record_type === 'state'),
  init: (file) => newRolloutState(file, 'codex-rollout-bare'),
  feed(state, record) {
    if (!isObject(record)) throw new ForeignRecordError('not a JSON object');
    if ('record_type' in record) return; // state snapshots carry nothing of the conversation
    if (isBareMeta(record)) return feedRollout(state, { type: 'session_meta', payload: record, timestamp: asString(record.timestamp) });
    if (typeof record.type !== 'string') throw new ForeignRecordError('not a rollout item: no type');
    feedRollout(state, { type: 'response_item', payload: record });
  },
  finish: finishRollout,
};

function isBareMeta(r: unknown): boolean {
  return isObject(r) && !('type' in r) && !('payload' in r) && typeof r.id === 'string' && typeof r.timestamp === 'string';
}

/** The first TypeScript CLI (spring 2025): one `{session:{id,timestamp,instructions}, items:[…]}` JSON file. */
export const jsonRolloutReader: WholeReader = {
  kind: 'whole',
  source: 'codex',
  format: 'codex-rollout-json',
  sniff: (_path, head) => head !== undefined && /^\s*\{\s*"session"\s*:\s*\{/.test(head) && head.includes('"items"'),
  async read(path) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      return { trajectories: [], problems: [{ file: path, reason: 'not valid JSON (truncated or corrupt session file)' }] };
    }
    const json = asObject(parsed);
    const session = asObject(json?.session);
    if (!json || !session || !Array.isArray(json.items)) {
      return { trajectories: [], problems: [{ file: path, reason: 'not a Codex session file: no session and items' }] };
    }
    const state = newRolloutState(path, 'codex-rollout-json');
    feedRollout(state, { type: 'session_meta', payload: session, timestamp: asString(session.timestamp) });
    for (const item of asArray(json.items)) if (isObject(item)) feedRollout(state, { type: 'response_item', payload: item });
    return { trajectories: finishRollout(state), problems: [] };
  },
};
