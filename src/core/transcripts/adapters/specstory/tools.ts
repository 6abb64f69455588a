import type { ToolCall } from '../../model';
import { isObject } from '../../values';
import { tryParseJson } from '../common/values';
import { fencedMask, fenceOpen, readFence, trimBlank } from './markdown';

/**
 * SpecStory renders tool calls for people, not machines, so input and output are recovered from the
 * rendering (and are lossy: Cursor read results are often empty). One agent segment becomes prose and
 * tool calls, in order.
 */
export type Piece = { prose: string } | { tool: ToolCall };

const SHELL = new Set(['bash', 'sh', 'zsh', 'shell', 'console', 'powershell', 'pwsh', 'cmd', 'bat', 'fish']);
const TOOL_USE_LINE = /^Tool use:\s*\*\*(.+?)\*\*\s*(.*)$/;
/** What Cursor rendered in place of a call that did not run. */
const FAILED_CALL = /^(Cancelled|Error calling tool\.?)$/;

/** CLI files (Markdown v2.x): tools only ever come as `<tool-use data-tool-name="…">` blocks. */
export function piecesFromTaggedFile(segment: string[]): Piece[] {
  const pieces: Piece[] = [];
  let prose: string[] = [];
  const flush = () => {
    const text = trimBlank(prose).join('\n');
    if (text) pieces.push({ prose: text });
    prose = [];
  };
  const body = trimBlank(segment);
  if (body.length === 1 && FAILED_CALL.test(body[0].trim())) return [{ tool: { name: 'unknown', input: {}, output: body[0].trim(), isError: true } }];
  for (let i = 0; i < segment.length; i++) {
    if (!segment[i].trimStart().startsWith('<tool-use')) {
      const last = pieces[pieces.length - 1];
      const fence = prose.every((l) => !l.trim()) ? readFence(segment, i) : undefined;
      // a fence right after a block is that tool's result (TodoWrite's confirmation, for one)
      if (fence && last && 'tool' in last && last.tool.output === undefined) {
        last.tool.output = fence.content;
        i = fence.next - 1;
        continue;
      }
      prose.push(segment[i]);
      continue;
    }
    flush();
    let end = i;
    while (end < segment.length && !segment[end].includes('</tool-use>')) end++;
    pieces.push({ tool: taggedTool(segment.slice(i, end + 1)) });
    i = end;
  }
  flush();
  return withoutEchoes(pieces);
}

/**
 * Cursor IDE files (v2.1.0) render each call twice, a full block and then a bare one with only the
 * default summary; a failed call is its error text followed by a bare block. One call each, errors kept.
 */
function withoutEchoes(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const prev = out[out.length - 1];
    if ('tool' in piece && isBare(piece.tool) && prev) {
      if ('tool' in prev && prev.tool.name === piece.tool.name) continue;
      if ('prose' in prev && out.length === 1) {
        out[0] = { tool: { ...piece.tool, output: prev.prose, isError: true } };
        continue;
      }
    }
    out.push(piece);
  }
  return out;
}

function isBare(tool: ToolCall): boolean {
  return tool.output === undefined && isObject(tool.input) && Object.keys(tool.input).length === 0;
}

function taggedTool(block: string[]): ToolCall {
  const open = block[0];
  const name = attr(open, 'data-tool-name') ?? 'unknown';
  const kind = attr(open, 'data-tool-type') ?? '';
  const text = block.join('\n');
  const summary = /<summary>([\s\S]*?)<\/summary>/.exec(text)?.[1] ?? '';
  const inner = text
    .replace(/^[^\n]*?<tool-use[^>]*>\s*(<details>)?/, '')
    .replace(/(<\/details>)?\s*<\/tool-use>[^\n]*$/, '')
    .replace(/<summary>[\s\S]*?<\/summary>/, '');
  const call: ToolCall = { name, ...toolBody(inner.split('\n'), kind) };
  Object.assign(call.input as Record<string, unknown>, { ...summaryDetail(summary), ...(call.input as object) });
  return call;
}

/** What a summary adds to the tool's name: `Tool use: **read_file_v2** • Read file: src/a.ts`, `• Run command: …`. */
function summaryDetail(summary: string): Record<string, string> {
  const rest = summary
    .replace(/^\s*Tool use:\s*\*\*[^*]*\*\*\s*(•\s*)?/, '')
    .replace(/\*\*/g, '')
    .trim();
  if (!rest) return {};
  const file = /^(?:Read|Edit|Write|Delete) file:\s*(.+)$/.exec(rest);
  if (file) return { path: file[1].trim() };
  const command = /^Run command:\s*(.+)$/.exec(rest);
  return command ? { command: command[1].trim() } : { description: rest };
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`${name}="([^"]*)"`).exec(tag);
  return m ? m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : undefined;
}

/** Files before the CLI: tools appear as `Tool use: **x**`, `<details>` search summaries, or bare fences. */
export function piecesFromLegacyFile(segment: string[]): Piece[] {
  const body = trimBlank(segment);
  const first = body[0]?.trim() ?? '';
  const fenced = fencedMask(body);
  if (body.some((l, i) => !fenced[i] && TOOL_USE_LINE.test(l.trim()))) return toolUseLines(body, fenced);
  if (first.startsWith('<details')) return detailsTool(body);
  if (body.length === 1 && FAILED_CALL.test(first)) return [{ tool: { name: 'unknown', input: {}, output: first, isError: true } }];
  if (body.length === 1 && /^File seems to be binary/.test(first)) {
    return [{ tool: { name: 'read_file', input: {}, output: first, isError: true } }];
  }
  const read = /^Read file:\s*(.*)$/.exec(first);
  if (read) return [{ tool: { name: 'read_file', input: { path: read[1].trim() }, ...outputOf(body.slice(1)) } }];
  if (first === '**Agent task list:**') return [{ tool: { name: 'TodoWrite', input: { text: body.slice(1).join('\n').trim() } } }];
  const lang = onlyFences(body);
  if (lang && SHELL.has(lang)) return [{ tool: { name: 'run_terminal_cmd', ...toolBody(body, 'shell') } }];
  if (lang === 'diff') return [{ tool: { name: 'edit_file', ...toolBody(body, 'write') } }];
  return [{ prose: body.join('\n') }];
}

function toolUseLines(body: string[], fenced: boolean[]): Piece[] {
  const pieces: Piece[] = [];
  const before: string[] = [];
  let current: { name: string; lines: string[] } | undefined;
  const close = () => {
    if (current) pieces.push({ tool: { name: current.name, ...toolBody(current.lines, kindOf(current.name)) } });
  };
  for (const [i, line] of body.entries()) {
    const m = fenced[i] ? null : TOOL_USE_LINE.exec(line.trim());
    if (m) {
      close();
      current = { name: m[1], lines: m[2] ? [m[2]] : [] };
    } else if (current) current.lines.push(line);
    else before.push(line);
  }
  close();
  const prose = trimBlank(before).join('\n');
  return prose ? [{ prose }, ...pieces] : pieces;
}

const SUMMARY_TOOLS: [RegExp, string][] = [
  [/^Searched codebase\b/i, 'codebase_search'],
  [/^Searched web\b/i, 'web_search'],
  [/^Grep search\b/i, 'grep_search'],
  [/^Searched files\b/i, 'file_search'],
  [/^Listed (current )?directory\b/i, 'list_dir'],
  [/^Read file\b/i, 'read_file'],
];

/** `<details><summary>Searched codebase "q" • **25** results</summary> …table… </details>` */
function detailsTool(body: string[]): Piece[] {
  const text = body.join('\n');
  const summary = /<summary>([\s\S]*?)<\/summary>/.exec(text)?.[1].replace(/<[^>]+>/g, '').trim() ?? '';
  const close = text.lastIndexOf('</details>');
  const inner = text.slice(0, close < 0 ? undefined : close).replace(/^[\s\S]*?<\/summary>/, '').trim();
  const after = close < 0 ? '' : text.slice(close + '</details>'.length).trim();
  const known = SUMMARY_TOOLS.find(([re]) => re.test(summary))?.[1];
  const verb = summary.split(/["“•`]/)[0].trim();
  const name = known ?? (verb.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'unknown');
  const quoted = /["“]([^"”]*)["”]/.exec(summary)?.[1];
  const input: Record<string, unknown> = quoted !== undefined ? { query: quoted } : { description: summary };
  if (name === 'list_dir' && quoted === undefined) input.path = summary.replace(/^Listed (current )?directory/i, '').split('•')[0].trim();
  const tool: ToolCall = { name, input };
  if (inner) tool.output = inner;
  return after ? [{ tool }, { prose: after }] : [{ tool }];
}

/** The language of the first fence when the lines hold nothing but fences. */
function onlyFences(body: string[]): string | undefined {
  let first: string | undefined;
  for (let i = 0; i < body.length; i++) {
    if (!body[i].trim()) continue;
    const fence = readFence(body, i);
    if (!fence) return undefined;
    first ??= fence.lang || 'text';
    i = fence.next - 1;
  }
  return first;
}

type Kind = 'shell' | 'read' | 'write' | 'search' | 'other';

/** The kind of tool, from `data-tool-type` or, in older files, the tool's name. */
function kindOf(typeOrName: string): Kind {
  const t = typeOrName.toLowerCase();
  if (/^(bash|shell)|terminal/.test(t)) return 'shell';
  if (/^read/.test(t)) return 'read';
  if (/edit|write/.test(t)) return 'write';
  if (/search|grep|glob|find/.test(t)) return 'search';
  return 'other';
}

/** The key a lone `` `value` `` line stands for, by kind of tool. */
const TARGET: Record<Kind, string> = { shell: 'command', read: 'path', write: 'path', search: 'query', other: 'target' };

/**
 * Input and output out of a rendered tool body. Recognized parts: `Parameters:` + JSON fence (Cursor),
 * `**Input:**` + `- key: value` bullets and `**Result:**` / `**Error:**` (generic CLI rendering), `Result:`
 * (Claude Code, 2025), `Status: **x**`; shell fences are the command, `diff` fences the edit, other
 * fences the result, and so are tables and a search's listing; a line that is only inline code is the
 * target; other text describes the call.
 */
function toolBody(lines: string[], dataType: string): Pick<ToolCall, 'input' | 'output' | 'isError'> {
  const kind = kindOf(dataType);
  const input: Record<string, unknown> = {};
  const outputs: string[] = [];
  const text: string[] = [];
  let mode: 'input' | 'params' | 'extra' | 'bullets' | 'result' = 'input';
  let isError = false;
  let bulletKey: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    if (fenceOpen(line)) {
      const fence = readFence(lines, i)!;
      i = fence.next - 1;
      if (mode === 'params') {
        const params = tryParseJson(fence.content);
        if (isObject(params)) Object.assign(input, params);
        else input.parameters = fence.content;
        mode = 'input';
      } else if (mode === 'extra') mode = 'input';
      else if (mode === 'bullets' && bulletKey) input[bulletKey] = fence.content;
      else if (mode === 'result') outputs.push(fence.content);
      else if (SHELL.has(fence.lang) && input.command === undefined) input.command = fence.content;
      else if (fence.lang === 'diff' && input.diff === undefined) input.diff = fence.content;
      else outputs.push(fence.content);
      continue;
    }
    if (!t) continue;
    if (/^Parameters:$/i.test(t)) mode = 'params';
    else if (/^Additional data:$/i.test(t)) mode = 'extra';
    else if (/^\*\*Input:\*\*$/i.test(t)) mode = 'bullets';
    else if (/^(\*\*)?(Result|Output)(:\*\*|\*\*:|:)$/i.test(t)) mode = 'result';
    else if (/^(\*\*Error:\*\*|Error:)$/i.test(t)) {
      mode = 'result';
      isError = true;
    } else if (/^(Status|User decision):\s*\*\*(\w+)\*\*/i.test(t)) {
      if (/error|fail|cancel|reject/i.test(t)) isError = true;
    } else if (mode === 'bullets' && /^- [\w.-]+:/.test(t)) {
      const [, key, value] = /^- ([\w.-]+):\s*(.*)$/.exec(t)!;
      bulletKey = key;
      if (value) input[key] = value.replace(/^`(.*)`$/, '$1');
    } else if (mode === 'result' || t.startsWith('|') || (kind === 'search' && !/^`[^`]+`$/.test(t))) outputs.push(line);
    else if (/^`[^`]+`$/.test(t) && input[TARGET[kind]] === undefined) input[TARGET[kind]] = t.slice(1, -1);
    else if (/^Read file:\s*\S/.test(t) && input.path === undefined) input.path = t.replace(/^Read file:\s*/, '');
    else text.push(t);
  }
  if (text.length) input.text = text.join('\n');
  const out: Pick<ToolCall, 'input' | 'output' | 'isError'> = { input };
  if (outputs.length) out.output = outputs.join('\n');
  if (isError) out.isError = true;
  return out;
}

function outputOf(lines: string[]): Pick<ToolCall, 'output'> {
  const text = trimBlank(lines).join('\n');
  return text ? { output: text } : {};
}
