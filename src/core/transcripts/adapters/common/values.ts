import { isObject, type JsonObject } from '../../values';

/** Extras on top of `../../values` that the SQLite- and file-tree-backed adapters share. */

/** The objects of an array; anything else is no objects. */
export function objects(v: unknown): JsonObject[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A tool's output as text: strings as they are, anything structured as JSON. */
export function outputText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** SQLite values arrive as text or bytes; both are UTF-8 JSON in the stores we read. */
function sqlText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return undefined;
}

/** The JSON object a SQLite value or file text encodes, or undefined. */
export function jsonObject(v: unknown): JsonObject | undefined {
  const parsed = tryParseJson(sqlText(v) ?? '');
  return isObject(parsed) ? parsed : undefined;
}
