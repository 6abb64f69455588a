import { ForeignRecordError, type JsonlReader } from '../../adapter';
import { asArray, asNumber, isObject, type JsonObject } from '../../values';
import { chatDataTrajectory } from './chatData';

/** The session object rebuilt so far by replaying the log. */
export interface MutationLogState {
  file: string;
  data?: JsonObject;
}

type Key = string | number;

/**
 * `chatSessions/<id>.jsonl` (VS Code 1.109 on): line 1 is `{kind:0, v}` (the whole session), then
 * `{kind:1,k,v}` set, `{kind:2,k,v?,i?}` push (truncate to `i` first), `{kind:3,k}` delete. A later line
 * only makes sense after every earlier one, so a corrupt line ends the read.
 */
export const mutationLogReader: JsonlReader<MutationLogState> = {
  kind: 'jsonl',
  source: 'copilot',
  format: 'copilot-chatsession-jsonl',
  stopOnCorruptLine: true,
  sniff: (records) => isObject(records[0]) && records[0].kind === 0 && isObject(records[0].v),
  init: (file) => ({ file }),
  feed(state, record) {
    if (!isObject(record) || asNumber(record.kind) === undefined) throw new ForeignRecordError('not a mutation log entry: no kind');
    if (record.kind === 0) {
      if (!isObject(record.v)) throw new Error('initial state (kind 0) is not an object');
      state.data = record.v; // a compacted log starts over from a fresh initial state
      return;
    }
    if (!state.data) throw new Error('change before the initial state (kind 0); ignored');
    const path = asArray(record.k).filter((k): k is Key => typeof k === 'string' || typeof k === 'number');
    if (path.length === 0) throw new Error('change without a path (k)');
    if (record.kind === 1) set(state.data, path, record.v);
    else if (record.kind === 2) push(state.data, path, record.v, asNumber(record.i));
    else if (record.kind === 3) remove(state.data, path);
    else throw new Error(`unknown change kind ${String(record.kind)}; ignored`);
  },
  finish(state) {
    if (!state.data) return [];
    const t = chatDataTrajectory(state.data, state.file, 'copilot-chatsession-jsonl');
    return t ? [t] : [];
  },
};

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function container(root: JsonObject, path: Key[]): Record<Key, unknown> {
  let at: unknown = root;
  for (const key of path) {
    if (UNSAFE_KEYS.has(String(key))) throw new Error(`refused key ${String(key)}`);
    const next: unknown = typeof at === 'object' && at !== null ? (at as Record<Key, unknown>)[key] : undefined;
    if (typeof next !== 'object' || next === null) throw new Error(`path ${path.join('.')} does not exist; change ignored`);
    at = next;
  }
  return at as Record<Key, unknown>;
}

function set(root: JsonObject, path: Key[], value: unknown): void {
  const last = path[path.length - 1]!;
  if (UNSAFE_KEYS.has(String(last))) throw new Error(`refused key ${String(last)}`);
  container(root, path.slice(0, -1))[last] = value;
}

function push(root: JsonObject, path: Key[], values: unknown, truncateTo: number | undefined): void {
  const target = container(root, path);
  if (!Array.isArray(target)) throw new Error(`path ${path.join('.')} is not a list; push ignored`);
  if (truncateTo !== undefined && truncateTo >= 0 && truncateTo < target.length) target.length = truncateTo;
  if (values !== undefined) target.push(...asArray(values));
}

function remove(root: JsonObject, path: Key[]): void {
  const parent = container(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete parent[last];
}
