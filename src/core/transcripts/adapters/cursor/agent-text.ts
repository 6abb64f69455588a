import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ParseOutput, WholeReader } from '../../adapter';
import type { Trajectory } from '../../model';
import { addAssistantText, addToolCall, newTurnLog, type TurnLog } from '../../turns';
import { addPrompt, lastAssistantTurn } from '../common/turns';
import { userPrompt } from './user-query';
import { withoutRedactions } from './redactions';
import { folderForSlug, folderFromToolInput, projectSlug } from './workspace-slug';

/**
 * Cursor agent transcripts, 2025: `agent-transcripts/<uuid>.txt`. Blocks start with a `user:` or
 * `A:`/`assistant:` line. Inside an assistant block, `[Thinking]`, `[Tool call] Name` (arguments as
 * indented `key: value` lines) and `[Tool result] Name` own the indented lines that follow them;
 * unindented lines are what the agent said.
 */
const FORMAT = 'cursor-agent-txt';
const ROLE = /^(user|A|assistant):\s*$/;
const MARKER = /^\[(Thinking|Tool call|Tool result)\]\s*(.*)$/;

export const cursorAgentTextReader: WholeReader = {
  kind: 'whole',
  source: 'cursor',
  format: FORMAT,
  sniff(path, head) {
    return !!head && path.endsWith('.txt') && /^user:\s*$/m.test(head) && (/<user_query>/.test(head) || /^(A|assistant):\s*$/m.test(head));
  },
  async read(path): Promise<ParseOutput> {
    const text = await readFile(path, 'utf8');
    const turns = parseTranscript(text);
    if (turns.length === 0) return { trajectories: [], problems: [{ file: path, reason: 'no user or assistant block found' }] };
    const trajectory: Trajectory = { source: 'cursor', format: FORMAT, sessionId: basename(path, '.txt'), turns };
    const workspace = workspaceOf(path, trajectory);
    if (workspace) trajectory.workspace = workspace;
    const first = trajectory.turns.find((t) => t.timestamp)?.timestamp;
    if (first) trajectory.startedAt = first;
    return { trajectories: [trajectory], problems: [] };
  },
};

interface Block {
  role: 'user' | 'assistant';
  lines: string[];
}

function parseTranscript(text: string): Trajectory['turns'] {
  const log = newTurnLog();
  for (const block of blocks(text)) {
    if (block.role === 'user') {
      const prompt = userPrompt(block.lines.join('\n'));
      addPrompt(log, prompt.text, prompt.timestamp);
    } else addAssistantBlock(log, block.lines);
  }
  return log.turns;
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  for (const line of text.split(/\r?\n/)) {
    const role = ROLE.exec(line);
    if (role) out.push({ role: role[1] === 'user' ? 'user' : 'assistant', lines: [] });
    else out[out.length - 1]?.lines.push(line);
  }
  return out;
}

type Section =
  | { kind: 'prose' }
  | { kind: 'Thinking' }
  | { kind: 'Tool call'; args: Record<string, string>; key?: string }
  | { kind: 'Tool result'; name: string; lines: string[] };

function addAssistantBlock(log: TurnLog, lines: string[]): void {
  const prose: string[] = [];
  let section: Section = { kind: 'prose' };
  const close = () => {
    if (section.kind === 'Tool result') attachResult(log, section.name, section.lines.join('\n').trim());
    section = { kind: 'prose' };
  };
  for (const line of lines) {
    const marker = MARKER.exec(line);
    if (marker) {
      close();
      section = openSection(log, marker[1], marker[2].trim(), prose);
      continue;
    }
    const indented = /^\s/.test(line) || line.trim() === '';
    if (section.kind !== 'prose' && !indented) close();
    if (section.kind === 'prose') prose.push(line);
    else if (section.kind === 'Tool call') addArgument(section, line);
    else if (section.kind === 'Tool result') section.lines.push(line.replace(/^ {2}/, ''));
  }
  close();
  flushProse(log, prose);
}

function openSection(log: TurnLog, kind: string, rest: string, prose: string[]): Section {
  if (kind === 'Thinking') return { kind: 'Thinking' };
  if (kind === 'Tool result') return { kind: 'Tool result', name: rest, lines: [] };
  flushProse(log, prose);
  const args: Record<string, string> = {}; // the call keeps this object; its lines fill it in
  addToolCall(log, undefined, rest || 'unknown', args);
  return { kind: 'Tool call', args };
}

function addArgument(section: Extract<Section, { kind: 'Tool call' }>, line: string): void {
  const kv = /^\s+([A-Za-z_][\w.-]*):\s?(.*)$/.exec(line);
  if (kv) {
    section.key = kv[1];
    section.args[kv[1]] = kv[2];
  } else if (section.key && line.trim()) section.args[section.key] += `\n${line.trim()}`;
}

/** A result names its tool, not its call: it answers the earliest call of that name still without output. */
function attachResult(log: TurnLog, name: string, output: string): void {
  const turn = lastAssistantTurn(log);
  const call = turn?.toolCalls.find((c) => c.output === undefined && (c.name === name || !name));
  if (call) call.output = output;
}

function flushProse(log: TurnLog, prose: string[]): void {
  addAssistantText(log, withoutRedactions(prose.join('\n')));
  prose.length = 0;
}

function workspaceOf(path: string, trajectory: Trajectory): string | undefined {
  const slug = projectSlug(path);
  if (!slug) return undefined;
  const onDisk = folderForSlug(slug);
  if (onDisk) return onDisk;
  for (const call of trajectory.turns.flatMap((t) => t.toolCalls)) {
    const found = folderFromToolInput(slug, call.input);
    if (found) return found;
  }
  return undefined;
}
