import type { ToolCall, Trajectory, Turn } from '../transcripts/model';
import { isEnvName, isGeneratedKey, isMetadataValue, isStandInValue } from './detectors/values';
import { findHighEntropy } from './detectors/entropy';
import { findJwts } from './detectors/jwt';
import { findProviderTokens } from './detectors/provider-tokens';
import { findWithSecretlint } from './detectors/secretlint';
import { findSecretQueryParams, findUrlUserinfo } from './detectors/url-credentials';
import { isPlaceholder, placeholder } from './placeholder';
import { applyFindings } from './redact-text';
import { secretNameType, weakSecretName } from './secret-names';
import { mergeFindings } from './spans';
import { StringTable } from './string-table';
import { deepRestAsText, MAX_JSON_DEPTH } from '../text/deep-json';
import { specificity, type Finding, type SecretType } from './types';

/** Maps each string a walk visits to its redacted form. */
type StringMap = (s: string) => string;

/**
 * A copy of the trajectory with secrets redacted everywhere they can hide: turn text, tool inputs (any JSON
 * value, walked), tool outputs, the title, and credentials in a workspace URL. The input is not modified.
 */
export function redactTrajectory(t: Trajectory): Trajectory {
  return redactTogether([t], []).trajectories[0]!;
}

/**
 * A copy of a JSON value with every string redacted, and every value whose key names a secret
 * (`password`, `apiKey`, `headers.Authorization`…) replaced whole, whatever it looks like.
 */
export function redactJsonValue(value: unknown): unknown {
  return redactTogether([], [value]).values[0];
}

/**
 * Trajectories and JSON values redacted together, as `redactTrajectory` and `redactJsonValue` would one by
 * one: their strings are collected first and redacted in one pass, each distinct string once (a reader
 * state repeats its sessions' text), then put back in copies.
 */
export function redactTogether(trajectories: readonly Trajectory[], values: readonly unknown[]): { trajectories: Trajectory[]; values: unknown[] } {
  const table = new StringTable();
  for (const t of trajectories) collectTrajectory(t, table.add);
  for (const v of values) collectJson(v, table.add);
  const map = table.redactor();
  return { trajectories: trajectories.map((t) => mapTrajectory(t, map)), values: values.map((v) => mapJson(v, undefined, map)) };
}

/** The strings `mapTrajectory` maps (it redacts any it meets that were not collected, so this is only a head start). */
function collectTrajectory(t: Trajectory, add: (s: string) => void): void {
  if (t.title !== undefined) add(t.title);
  for (const turn of t.turns) {
    add(turn.text);
    for (const call of turn.toolCalls) {
      collectJson(call.input, add);
      if (call.output !== undefined) add(call.output);
    }
  }
}

/** The strings `mapJson` maps: every string inside arrays and plain objects, built nothing on the way. */
function collectJson(value: unknown, add: (s: string) => void, depth = 0): void {
  if (typeof value === 'string') add(value);
  else if (depth >= MAX_JSON_DEPTH && typeof value === 'object' && value !== null) add(deepRestAsText(value));
  else if (Array.isArray(value)) for (const v of value) collectJson(v, add, depth + 1);
  else if (isPlainObject(value)) for (const k of Object.keys(value)) collectJson(value[k], add, depth + 1);
}

function mapTrajectory(t: Trajectory, map: StringMap): Trajectory {
  const out: Trajectory = { ...t, turns: t.turns.map((turn) => mapTurn(turn, map)) };
  if (t.title !== undefined) out.title = map(t.title);
  if (t.workspace !== undefined) out.workspace = redactWorkspace(t.workspace);
  return out;
}

function mapTurn(turn: Turn, map: StringMap): Turn {
  return { ...turn, text: map(turn.text), toolCalls: turn.toolCalls.map((call) => mapToolCall(call, map)) };
}

function mapToolCall(call: ToolCall, map: StringMap): ToolCall {
  const out: ToolCall = { ...call, input: mapJson(call.input, undefined, map) };
  if (call.output !== undefined) out.output = map(call.output);
  return out;
}

function mapJson(value: unknown, key: string | undefined, map: StringMap, depth = 0): unknown {
  // below the depth limit the rest is one text, redacted as a whole (a recursive walk would run out of stack)
  const v = depth >= MAX_JSON_DEPTH && typeof value === 'object' && value !== null ? deepRestAsText(value) : value;
  const keyType = key === undefined ? undefined : secretNameType(key) ?? weakKeyType(key, v);
  if (typeof v === 'string') return keyType ? secretValue(v, map(v), valueType(key!, v, keyType)) : map(v);
  if ((typeof v === 'number' || typeof v === 'bigint') && keyType) return placeholder(keyType);
  if (Array.isArray(v)) return v.map((item) => mapJson(item, key, map, depth + 1));
  if (isPlainObject(v)) return mapObject(v, map, depth + 1);
  return v;
}

/** The type of a value under a name only the value can settle (`REDIS_CACHE_PASSWORD`, `token_type`); undefined when harmless. */
function weakKeyType(key: string, value: unknown): SecretType | undefined {
  if (typeof value !== 'string') return undefined;
  const weak = weakSecretName(key);
  if (!weak) return undefined;
  if (weak.strength === 'key') return isGeneratedKey(value, isEnvName(key)) ? weak.type : undefined;
  return isMetadataValue(value, true) ? undefined : weak.type;
}

/** `Object.fromEntries(Object.entries(value).map(…))` without the pairs: reader states are thousands of objects. */
function mapObject(value: Record<string, unknown>, map: StringMap, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const v = mapJson(value[k], k, map, depth);
    // a key named __proto__ (parsed JSON can have one) is an own member, as fromEntries makes it
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

/** A secret-named value is replaced whole, typed by what was found in it when that is more specific than its name. */
function secretValue(original: string, redacted: string, keyType: SecretType): string {
  if (isStandInValue(original) && !isPlaceholder(redacted)) return redacted;
  let type = keyType;
  for (const m of redacted.matchAll(/\[REDACTED:([a-z0-9-]+)\]/g)) {
    const found = m[1] as SecretType;
    if (specificity(found) > specificity(type)) type = found;
  }
  return placeholder(type);
}

/** An `Authorization` value says what it is by its scheme. */
function valueType(key: string, value: string, keyType: SecretType): SecretType {
  if (!/authorization/i.test(key)) return keyType;
  if (/^basic\s/i.test(value)) return 'basic-auth';
  if (/^(?:bearer|token)\s/i.test(value)) return 'bearer-token';
  return keyType;
}

/**
 * A workspace is a path or URI: URL credentials, and any token that stands as a path segment
 * (`/clones/ghp_…/api`); a folder named after a secret word (`password-store`) is only a name.
 */
function redactWorkspace(s: string): string {
  const found: Finding[] = [];
  findUrlUserinfo(s, found);
  findSecretQueryParams(s, found);
  findWithSecretlint(s, found);
  findProviderTokens(s, found);
  findJwts(s, found);
  findHighEntropy(s, found);
  return applyFindings(s, mergeFindings(found));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
