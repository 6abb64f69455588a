/**
 * The layout of a Copilot CLI `/share` export: a `# 🤖 Copilot CLI Session` title, a quoted header
 * (`> **Session ID:** \`…\``, `> **Started:** 2/17/2026, 6:38:47 PM`, `> **Duration:** 1h 2m 3s`), then
 * blocks, each opened by `<sub>⏱️ 79m 2s</sub>` (time since the start) and a `### <icon> <title>` line and
 * closed by `---`. Replies are Markdown themselves (their own `###` headings, `---` rules, code blocks), so
 * a block only starts at a `<sub>⏱️` line outside code blocks that is followed by a `###` line.
 */

export const TITLE = /^\s*#\s*🤖\s*Copilot CLI Session\s*$/;

export interface Header {
  sessionId?: string;
  /** Local time as exported (`YYYY-MM-DDTHH:MM:SS`, no zone: the export does not say one). */
  startedAt?: string;
  durationSeconds?: number;
}

export interface Block {
  /** Seconds since the start. */
  offset: number;
  /** The `###` line without the hashes: `👤 User`, `💬 Copilot`, `✅ \`bash\``… */
  heading: string;
  body: string[];
}

export function readHeader(lines: readonly string[]): Header {
  const header: Header = {};
  for (const line of lines) {
    if (isBlockStart(line)) break;
    const m = /^>\s*\*\*(.+?):\*\*\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'Session ID') header.sessionId = value.replace(/^`|`$/g, '').trim() || undefined;
    else if (key === 'Started') header.startedAt = localTime(value);
    else if (key === 'Duration') header.durationSeconds = seconds(value);
  }
  return header;
}

export function splitBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence === undefined && isBlockStart(line)) {
      const at = nextNonBlank(lines, i + 1);
      const heading = at === undefined ? undefined : /^###\s+(.*?)\s*$/.exec(lines[at]!)?.[1];
      if (heading !== undefined) {
        if (current) blocks.push(closed(current));
        current = { offset: seconds(/<sub>⏱️\s*(.*?)\s*<\/sub>/.exec(line)![1]!) ?? 0, heading, body: [] };
        i = at!;
        continue;
      }
    }
    fence = nextFence(line, fence);
    current?.body.push(line);
  }
  if (current) blocks.push(closed(current));
  return blocks;
}

function isBlockStart(line: string): boolean {
  return /^\s*<sub>⏱️.*<\/sub>\s*$/.test(line);
}

function nextNonBlank(lines: readonly string[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i]!.trim() !== '') return i;
  return undefined;
}

/** The code fence open after this line: a line of 3+ backticks opens one and the same run closes it. */
export function nextFence(line: string, open: string | undefined): string | undefined {
  const m = /^\s*(`{3,}|~{3,})/.exec(line);
  if (!m) return open;
  if (open === undefined) return m[1];
  return line.trim() === open ? undefined : open;
}

/** The body without the blank lines around it and the `---` that ends the block. */
function closed(block: Block): Block {
  const body = trimBlank(block.body);
  if (body.length > 0 && body[body.length - 1]!.trim() === '---') body.pop();
  return { ...block, body: trimBlank(body) };
}

export function trimBlank(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

/** `1h 2m 3s`, `79m 2s`, `265s` → seconds. */
export function seconds(text: string): number | undefined {
  const m = /^\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?\s*$/.exec(text);
  if (!m || (m[1] ?? m[2] ?? m[3]) === undefined) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** `2/17/2026, 6:38:47 PM` (the exporter's US-style local time) → `2026-02-17T18:38:47`. */
function localTime(text: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i.exec(text.trim());
  if (!m) return undefined;
  let hour = Number(m[4]);
  const half = m[7]?.toUpperCase();
  if (half === 'PM' && hour < 12) hour += 12;
  if (half === 'AM' && hour === 12) hour = 0;
  const ms = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour, Number(m[5]), Number(m[6] ?? 0));
  return Number.isNaN(ms) ? undefined : addSeconds(new Date(ms).toISOString().slice(0, 19), 0);
}

/** A zone-less local time moved on by some seconds, still zone-less. */
export function addSeconds(local: string, by: number): string {
  return new Date(Date.parse(`${local}Z`) + by * 1000).toISOString().slice(0, 19);
}
