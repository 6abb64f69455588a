/** Narrowing helpers for parsed JSON of unknown shape: every adapter reads records it does not control. */
import { deepRestAsText, MAX_JSON_DEPTH } from '../text/deep-json';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asObject(v: unknown): JsonObject | undefined {
  return isObject(v) ? v : undefined;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A string with something in it (ids, names): an empty string is as good as missing. */
export function asNonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim().length > 0 ? v : undefined;
}

export function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A JSON-encoded argument string parsed when it is JSON, kept as the string otherwise. */
export function parseMaybeJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return v;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return v;
  }
}

/** An ISO 8601 string from an ISO string or epoch milliseconds; undefined for anything else. */
export function isoTime(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (typeof v === 'string' && v.length > 0 && !Number.isNaN(Date.parse(v))) return v;
  return undefined;
}

/** Plain text from a value that is a string, or text-bearing parts (`{text}` / `{value}`), or neither. */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(textOf).filter((s) => s.length > 0).join('\n');
  if (isObject(v)) {
    if (typeof v.text === 'string') return v.text;
    if (typeof v.value === 'string') return v.value;
  }
  return '';
}

/**
 * A JSON deep copy: readers hand out trajectories that must not alias their resumable state. The same as
 * `JSON.parse(JSON.stringify(v))` (undefined members dropped, -0 made 0…), without the text in between.
 */
export function cloneJson<T>(v: T): T {
  return copyJson(v) as T;
}

function copyJson(v: unknown, depth = 0): unknown {
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : null;
  // a crafted record deeper than any real one: the rest is kept as its JSON text
  if (depth >= MAX_JSON_DEPTH) return deepRestAsText(v);
  if (Array.isArray(v)) return v.map((item) => (isSkipped(item) ? null : copyJson(item, depth + 1)));
  if (!isPlainData(v)) return JSON.parse(JSON.stringify(v)) as unknown; // toJSON, class instances…
  const out: JsonObject = {};
  for (const key of Object.keys(v)) {
    const item = v[key];
    if (isSkipped(item)) continue;
    // a key named __proto__ is an own member in parsed JSON, not the prototype
    if (key === '__proto__') Object.defineProperty(out, key, { value: copyJson(item, depth + 1), enumerable: true, writable: true, configurable: true });
    else out[key] = copyJson(item, depth + 1);
  }
  return out;
}

/** Members JSON.stringify leaves out of an object (and writes as null in an array). */
function isSkipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function isPlainData(v: unknown): v is JsonObject {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (v as JsonObject).toJSON !== 'function';
}
