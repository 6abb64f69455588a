/**
 * An ISO 8601 instant from the shapes agents use: epoch milliseconds (or seconds), or a date string.
 * Undefined when the value is missing or not a date.
 */
export function isoFrom(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
    return new Date(v < 1e12 ? v * 1000 : v).toISOString();
  }
  if (typeof v === 'string' && v.trim()) {
    if (/^\d+(\.\d+)?$/.test(v.trim())) return isoFrom(Number(v));
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : new Date(t).toISOString();
  }
  return undefined;
}

/** The earliest and latest of some ISO instants. */
export function span(times: (string | undefined)[]): { startedAt?: string; endedAt?: string } {
  const known = times.filter((t): t is string => !!t).sort();
  return known.length ? { startedAt: known[0], endedAt: known[known.length - 1] } : {};
}
