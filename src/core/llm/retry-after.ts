/** Anything with a case-insensitive `get`, such as the fetch `Headers` the openai package exposes. */
export interface HeaderLookup {
  get(name: string): string | null;
}

/**
 * How long the server asked us to wait, in milliseconds, or undefined when it did not say (or said nonsense).
 * `retry-after-ms` (OpenAI's, precise) wins over `Retry-After`, which is seconds or an HTTP date.
 */
export function parseRetryAfter(headers: HeaderLookup | undefined, now: number): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.ceil(Number(value) * 1000);
  // HTTP dates all begin with the day's name; Date.parse alone would take "-3" for a year
  if (!/^\s*[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
