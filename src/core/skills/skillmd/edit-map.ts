import { isMap, isScalar, stringify, type Document, type Pair, type ToStringOptions, type YAMLMap } from 'yaml';
import { isPlainObject } from './parse';

/**
 * Edits to a block mapping in YAML source, planned from the parsed nodes' source ranges so that every byte
 * outside the changed entries stays as it was (comments, order, quoting, indentation, line endings).
 */

/** Replace [start, end) of the source with `text`. `seq` orders insertions at the same offset. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  seq: number;
}

/** YAML 1.1 quoting rules keep values like `yes` and `on` strings for 1.1 readers too; no line folding. */
export const RENDER_OPTIONS: ToStringOptions & { version: '1.1' } = { lineWidth: 0, minContentWidth: 0, version: '1.1' };

interface Context {
  src: string;
  document: Document.Parsed;
  edits: TextEdit[];
}

type Entry = [key: string, value: unknown];

/** Plans `set` (values replace, objects merge key by key into block mappings) and `remove` on `map`. */
export function planMapEdits(src: string, document: Document.Parsed, map: YAMLMap, set: Record<string, unknown>, remove: string[]): TextEdit[] {
  const ctx: Context = { src, document, edits: [] };
  editMap(ctx, map, set, remove);
  return ctx.edits;
}

/** Applies non-overlapping edits; insertions at one offset keep the order they were planned in. */
export function applyEdits(src: string, edits: TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.seq - a.seq);
  let out = src;
  for (const e of ordered) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** A value as the failsafe schema reads it back: scalars become strings. */
export function asRead(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asRead);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, asRead(v)]));
  return value === null ? 'null' : String(value);
}

function editMap(ctx: Context, map: YAMLMap, set: Record<string, unknown>, remove: string[]): void {
  const additions: Entry[] = [];
  for (const [key, value] of Object.entries(set)) {
    if (value === undefined) continue;
    const pair = findPair(map, key);
    if (!pair) additions.push([key, value]);
    else if (!sameValue(ctx, pair, value)) replaceValue(ctx, pair, value);
  }
  for (const key of remove) {
    const pair = findPair(map, key);
    if (pair) push(ctx, removalRange(ctx.src, pair), '');
  }
  if (additions.length > 0) {
    const at = pairEnd(ctx.src, map.items[map.items.length - 1]);
    const column = pairColumn(ctx.src, map.items[0]);
    const indent = ' '.repeat(column);
    push(ctx, [at, at], additions.map(([k, v]) => indent + renderPair(stringify(k, RENDER_OPTIONS).trimEnd(), v, column)).join(''));
  }
}

function replaceValue(ctx: Context, pair: Pair, value: unknown): void {
  const old = pair.value;
  if (isMap(old) && !old.flow && isPlainObject(value) && Object.keys(value).length > 0) {
    const dropped = old.items.map(keyOf).filter((k): k is string => k !== undefined && !(k in value));
    editMap(ctx, old, value, dropped);
    return;
  }
  if (isScalar(old) && old.range && old.range[0] < old.range[1] && isInlineType(old.type)) {
    const inline = renderInline(value, old.type);
    if (inline !== undefined) {
      push(ctx, [old.range[0], old.range[1]], inline);
      return;
    }
  }
  const key = pair.key as { range: [number, number, number] };
  const keySource = ctx.src.slice(key.range[0], key.range[1]);
  push(ctx, [key.range[0], pairEnd(ctx.src, pair)], renderPair(keySource, value, pairColumn(ctx.src, pair)));
}

function sameValue(ctx: Context, pair: Pair, value: unknown): boolean {
  const current = (pair.value as { toJS?: (doc: Document) => unknown } | null)?.toJS?.(ctx.document);
  return JSON.stringify(current) === JSON.stringify(asRead(value));
}

function push(ctx: Context, [start, end]: [number, number], text: string): void {
  ctx.edits.push({ start, end, text, seq: ctx.edits.length });
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyOf(p) === key);
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function isInlineType(type: string | undefined): type is 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' {
  return type === 'PLAIN' || type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE';
}

/** The value in the old scalar's quoting style, or undefined when it does not fit on one line. */
function renderInline(value: unknown, type: 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE'): string | undefined {
  if (!['string', 'number', 'boolean'].includes(typeof value)) return undefined;
  if (typeof value === 'string' && /[\r\n]/.test(value)) return undefined;
  const text = stringify(value, { ...RENDER_OPTIONS, defaultStringType: type }).replace(/\n$/, '');
  return text.includes('\n') ? undefined : text;
}

/** `key: value` lines at `column`, ending with a newline. */
function renderPair(keySource: string, value: unknown, column: number): string {
  const rendered = stringify({ k: value }, RENDER_OPTIONS).slice(1);
  const indent = ' '.repeat(column);
  const lines = (keySource + rendered).replace(/\n$/, '').split('\n');
  return lines.map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n') + '\n';
}

function pairColumn(src: string, pair: Pair): number {
  const start = (pair.key as { range: [number, number, number] }).range[0];
  return start - lineStart(src, start);
}

function lineStart(src: string, pos: number): number {
  return src.lastIndexOf('\n', pos - 1) + 1;
}

/** Just past the line ending that closes the pair (its value and any comment on the value's last line). */
function pairEnd(src: string, pair: Pair): number {
  const value = pair.value as { range?: [number, number, number] } | null;
  const key = pair.key as { range: [number, number, number] };
  const end = value?.range ? value.range[2] : key.range[2];
  if (end > 0 && src[end - 1] === '\n') return end;
  const nl = src.indexOf('\n', end);
  return nl === -1 ? src.length : nl + 1;
}

/** The pair's whole lines when it stands on its own lines; its own text otherwise. */
function removalRange(src: string, pair: Pair): [number, number] {
  const keyStart = (pair.key as { range: [number, number, number] }).range[0];
  const from = lineStart(src, keyStart);
  return [src.slice(from, keyStart).trim() === '' ? from : keyStart, pairEnd(src, pair)];
}
