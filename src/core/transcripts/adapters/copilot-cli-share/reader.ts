import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ParseOutput, WholeReader } from '../../adapter';
import type { Trajectory } from '../../model';
import { addAssistantText, newTurnLog, type TurnLog } from '../../turns';
import { addFinishedToolCall, addPrompt } from '../common/turns';
import { addSeconds, readHeader, splitBlocks, TITLE, type Block, type Header } from './blocks';
import { toolCall } from './tool';

/**
 * GitHub Copilot CLI sessions exported with `/share` (Markdown, saved wherever the user chose: there is no
 * store to discover, so these come from folders the user adds or names). Prompts, replies and tool calls
 * are read; reasoning and the CLI's own info, warning and error notes are not turns. Times are local, as
 * exported; the model is the first one the session switched to.
 */
const FORMAT = 'copilot-cli-share';

export const copilotShareReader: WholeReader = {
  kind: 'whole',
  source: 'copilot',
  format: FORMAT,
  sniff(path, head) {
    if (!head || !/\.(md|markdown)$/i.test(path)) return false;
    const first = head.replace(/^\uFEFF/, '').split('\n', 3).find((l) => l.trim() !== '');
    return first !== undefined && TITLE.test(first);
  },
  async read(path): Promise<ParseOutput> {
    const lines = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = readHeader(lines);
    const blocks = splitBlocks(lines);
    const log = newTurnLog();
    let model: string | undefined;
    for (const block of blocks) {
      const named = addBlock(log, block, header);
      model ??= named;
    }
    if (log.turns.length === 0) return { trajectories: [], problems: [{ file: path, reason: 'no user or agent message found' }] };
    return { trajectories: [trajectory(path, header, blocks, log, model)], problems: [] };
  },
};

/** Adds what a block says to the turns; returns the model an info block names, if it does. */
function addBlock(log: TurnLog, block: Block, header: Header): string | undefined {
  const at = header.startedAt ? addSeconds(header.startedAt, block.offset) : undefined;
  const text = block.body.join('\n').trim();
  if (block.heading.startsWith('👤')) addPrompt(log, text, at);
  else if (block.heading.startsWith('💬')) addAssistantText(log, text, at);
  else {
    const tool = /^(✅|❌)\s*`(.+)`$/.exec(block.heading);
    if (tool) addFinishedToolCall(log, toolCall(tool[2]!, tool[1] === '❌', block.body), at);
    // `Model changed to: claude-sonnet-4.6 (high)`: the name without the effort or release note after it
    else if (block.heading.startsWith('ℹ️')) return /^Model changed to:\s*(.+?)\s*(?:\([^)]*\))?\s*$/m.exec(text)?.[1] || undefined;
  }
  return undefined;
}

function trajectory(path: string, header: Header, blocks: Block[], log: TurnLog, model: string | undefined): Trajectory {
  const t: Trajectory = { source: 'copilot', format: FORMAT, sessionId: header.sessionId ?? basename(path).replace(/\.(md|markdown)$/i, ''), turns: log.turns };
  if (model) t.model = model;
  if (header.startedAt) {
    t.startedAt = header.startedAt;
    const end = header.durationSeconds ?? Math.max(0, ...blocks.map((b) => b.offset));
    if (end > 0) t.endedAt = addSeconds(header.startedAt, end);
  }
  return t;
}
