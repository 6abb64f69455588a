import type { ToolCall, Trajectory, Turn } from '../transcripts/model';
import { isStandInValue } from './detectors/values';
import { findSecretQueryParams, findUrlUserinfo } from './detectors/url-credentials';
import { isPlaceholder, placeholder } from './placeholder';
import { redactTexts } from './redact-many';
import { applyFindings } from './redact-text';
import { secretNameType } from './secret-names';
import { mergeFindings } from './spans';
import { specificity, type Finding, type SecretType } from './types';

/** Maps each string the walk visits; the walk is run twice, once to collect, once to replace. */
type StringMap = (s: string) => string;

/**
 * A copy of the trajectory with secrets redacted everywhere they can hide: turn text, tool inputs (any JSON
 * value, walked), tool outputs, the title, and credentials in a workspace URL. The input is not modified.
 */
export function redactTrajectory(t: Trajectory): Trajectory {
  return inOnePass((map) => mapTrajectory(t, map));
}

/**
 * A copy of a JSON value with every string redacted, and every value whose key names a secret
 * (`password`, `apiKey`, `headers.Authorization`…) replaced whole, whatever it looks like.
 */
export function redactJsonValue(value: unknown): unknown {
  return inOnePass((map) => mapJson(value, undefined, map));
}

/** Runs `walk` to collect its strings, redacts them together, then runs it again to put them back. */
function inOnePass<T>(walk: (map: StringMap) => T): T {
  const texts: string[] = [];
  walk((s) => {
    texts.push(s);
    return s;
  });
  const redacted = redactTexts(texts);
  let i = 0;
  return walk(() => redacted[i++]!);
}

function mapTrajectory(t: Trajectory, map: StringMap): Trajectory {
  const out: Trajectory = { ...t, turns: t.turns.map((turn) => mapTurn(turn, map)) };
  if (t.title !== undefined) out.title = map(t.title);
  if (t.workspace !== undefined) out.workspace = redactUrlCredentials(t.workspace);
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

function mapJson(value: unknown, key: string | undefined, map: StringMap): unknown {
  const keyType = key === undefined ? undefined : secretNameType(key);
  if (typeof value === 'string') return keyType ? secretValue(value, map(value), valueType(key!, value, keyType)) : map(value);
  if ((typeof value === 'number' || typeof value === 'bigint') && keyType) return placeholder(keyType);
  if (Array.isArray(value)) return value.map((v) => mapJson(v, key, map));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapJson(v, k, map)]));
  }
  return value;
}

/** A secret-named value is replaced whole, typed by what was found in it when that is more specific than its name. */
function secretValue(original: string, redacted: string, keyType: SecretType): string {
  if (isPlaceholder(redacted) || isStandInValue(original)) return redacted;
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

/** Only URL credentials: a workspace is a path or URI, and nothing else in it is a secret. */
function redactUrlCredentials(s: string): string {
  const found: Finding[] = [];
  findUrlUserinfo(s, found);
  findSecretQueryParams(s, found);
  return applyFindings(s, mergeFindings(found));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
