import { roleLine, type RoleLine } from './header';

/**
 * Line-level structure of a SpecStory file. Everything here skips fenced code, because sessions quote
 * markdown (even other SpecStory files) inside fences, and a `---` or role line in there is content.
 */
export interface Fence {
  marker: string;
  lang: string;
  indent: number;
}

export function fenceOpen(line: string): Fence | undefined {
  const m = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
  return m ? { marker: m[2], lang: m[3].toLowerCase(), indent: m[1].length } : undefined;
}

/**
 * Stricter than CommonMark on purpose: a closing fence may not be indented deeper than its opening one,
 * because SpecStory does not escape fences quoted inside diffs and tool output.
 */
function fenceCloses(line: string, fence: Fence): boolean {
  const m = /^( {0,3})(`{3,}|~{3,})\s*$/.exec(line);
  return !!m && m[1].length <= fence.indent && m[2][0] === fence.marker[0] && m[2].length >= fence.marker.length;
}

/** Calls `visit` for each line with whether it is inside (or opens/closes) a fence. */
function scanFences(lines: string[], visit: (line: string, fenced: boolean) => void): void {
  let open: Fence | undefined;
  for (const line of lines) {
    if (open) {
      if (fenceCloses(line, open)) open = undefined;
      visit(line, true);
      continue;
    }
    open = fenceOpen(line);
    visit(line, !!open);
  }
}

/** For each line, whether it belongs to a fenced block (fence lines included). */
export function fencedMask(lines: string[]): boolean[] {
  const mask: boolean[] = [];
  scanFences(lines, (_line, fenced) => mask.push(fenced));
  return mask;
}

export interface Message extends RoleLine {
  lines: string[];
}

const SEPARATOR = /^\s*(---|_\*\*\*\*_)\s*$/;

/**
 * The body as messages, each starting at a role line outside fences; anything before the first is header.
 * A reply cut off inside a code block leaves its fence open; SpecStory's own `---` + role line still
 * ends it there, or the rest of the session would read as code.
 */
export function splitMessages(lines: string[]): Message[] {
  const out: Message[] = [];
  let open: Fence | undefined;
  let previous = '';
  for (const line of lines) {
    const role = roleLine(line);
    if (open && role && SEPARATOR.test(previous)) open = undefined;
    if (open) {
      if (fenceCloses(line, open)) open = undefined;
    } else if (role) {
      out.push({ ...role, lines: [] });
      previous = line;
      continue;
    } else open = fenceOpen(line);
    out[out.length - 1]?.lines.push(line);
    if (line.trim()) previous = line;
  }
  return out;
}

/**
 * A message cut at its separators (`---`, and `_****_` in the oldest files), except inside fences or
 * inside `<details>` / `<tool-use>` blocks, which belong to one tool.
 */
export function splitSegments(lines: string[]): string[][] {
  const out: string[][] = [[]];
  let depth = 0;
  scanFences(lines, (line, fenced) => {
    if (!fenced) {
      if (depth === 0 && SEPARATOR.test(line)) {
        out.push([]);
        return;
      }
      depth = Math.max(0, depth + count(line, /<(details|tool-use)\b/g) - count(line, /<\/(details|tool-use)>/g));
    }
    out[out.length - 1].push(line);
  });
  return out.map(trimBlank).filter((s) => s.length > 0);
}

function count(line: string, re: RegExp): number {
  return line.match(re)?.length ?? 0;
}

export function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start].trim()) start++;
  while (end > start && !lines[end - 1].trim()) end--;
  return lines.slice(start, end);
}

/** Removes `<think>…</think>` (reasoning SpecStory folds into `<details>`); it is not something the agent said. */
export function withoutThinking(lines: string[]): string[] {
  return lines.join('\n').replace(/<think>[\s\S]*?<\/think>/g, '').split('\n');
}

/** A fenced block at `start`: its language, content, and the index just past its closing fence. */
export function readFence(lines: string[], start: number): { lang: string; content: string; next: number } | undefined {
  const fence = fenceOpen(lines[start] ?? '');
  if (!fence) return undefined;
  let i = start + 1;
  while (i < lines.length && !fenceCloses(lines[i], fence)) i++;
  return { lang: fence.lang, content: lines.slice(start + 1, i).join('\n'), next: Math.min(i + 1, lines.length) };
}
