/**
 * Cursor wraps what the person typed in `<user_query>` and surrounds it with injected context
 * (`<timestamp>`, attached files, rules…). Only the query is the human prompt.
 */
export interface UserPrompt {
  text: string;
  timestamp?: string;
}

const QUERY = /<user_query>([\s\S]*?)(?:<\/user_query>|$)/g;
const WRAPPER = /<([a-z_]+)(?:\s[^>]*)?>[\s\S]*?<\/\1>/g;

export function userPrompt(raw: string): UserPrompt {
  const timestamp = parseCursorTimestamp(raw);
  const queries = [...raw.matchAll(QUERY)].map((m) => m[1].trim()).filter(Boolean);
  const text = queries.length ? queries.join('\n\n') : raw.replace(WRAPPER, '').trim();
  return timestamp ? { text, timestamp } : { text };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const STAMP =
  /<timestamp>\s*(?:\w+,\s*)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),\s*(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?\s*(?:\((?:UTC|GMT)\s*([+-]\d{1,2})(?::?(\d{2}))?\))?\s*<\/timestamp>/i;

/** `<timestamp>Tuesday, Jan 13, 2026, 4:05 PM (UTC+1)</timestamp>` as an ISO instant. */
export function parseCursorTimestamp(raw: string): string | undefined {
  const m = STAMP.exec(raw);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1].toLowerCase());
  if (month < 0) return undefined;
  let hour = Number(m[4]) % 12;
  if (!m[7]) hour = Number(m[4]);
  else if (m[7].toUpperCase() === 'PM') hour += 12;
  const offsetMin = m[8] ? Math.sign(Number(m[8]) || 1) * (Math.abs(Number(m[8])) * 60 + Number(m[9] ?? 0)) : 0;
  const utc = Date.UTC(Number(m[3]), month, Number(m[2]), hour, Number(m[5]), Number(m[6] ?? 0)) - offsetMin * 60_000;
  return new Date(utc).toISOString();
}
