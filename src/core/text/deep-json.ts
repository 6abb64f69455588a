/**
 * Real session records nest a few dozen levels at most; a crafted one can nest thousands, deeper than a
 * recursive walk's stack. Walks stop at this depth and keep what lies below as one JSON text.
 */
export const MAX_JSON_DEPTH = 128;

/** Texts already made, so that walks that meet the same deep value twice (collect, then map) make it once. */
const texts = new WeakMap<object, string>();

/**
 * A value below the depth limit as JSON text. A value too deep even for `JSON.stringify` is replaced by a note
 * saying so: it cannot be stored as JSON at all.
 */
export function deepRestAsText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? '';
  const known = texts.get(value);
  if (known !== undefined) return known;
  let text: string;
  try {
    text = JSON.stringify(value) ?? '';
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    text = `[a JSON value nested too deeply to keep (more than ${MAX_JSON_DEPTH} levels)]`;
  }
  texts.set(value, text);
  return text;
}
