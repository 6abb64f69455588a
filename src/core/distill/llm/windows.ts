import { estimateTokens } from '../../llm/token-estimate';
import type { Trajectory } from '../../transcripts/model';
import { renderTurn } from './render';

/** A stretch of a session shown to the splitter in one call. */
export interface SplitWindow {
  /** Turn indexes shown: [start, end). Windows start at user turns and follow each other without gaps. */
  start: number;
  end: number;
  /** The user turns in it: the only places a request may start. */
  userTurns: number[];
  text: string;
  tokens: number;
}

/**
 * Cuts the session from its first user turn at or after `fromTurn` to its very end into windows of about
 * `budgetTokens` of rendered text. Cuts fall only before user turns, so a request's turns are never torn
 * apart by a window edge; a single request bigger than the budget gets a window of its own (rendering caps
 * each turn, so it stays bounded). Unlike a fixed character window, nothing after the budget is dropped.
 */
export function splitWindows(t: Trajectory, fromTurn: number, budgetTokens: number): SplitWindow[] {
  const blocks = requestBlocks(t, fromTurn);
  const windows: SplitWindow[] = [];
  let current: SplitWindow | undefined;
  for (const b of blocks) {
    if (current && current.tokens + b.tokens > budgetTokens) {
      windows.push(current);
      current = undefined;
    }
    if (!current) current = { start: b.start, end: b.end, userTurns: [], text: '', tokens: 0 };
    current.end = b.end;
    current.userTurns.push(b.start);
    current.text = current.text ? `${current.text}\n${b.text}` : b.text;
    current.tokens += b.tokens;
  }
  if (current) windows.push(current);
  return windows;
}

interface Block {
  start: number;
  end: number;
  text: string;
  tokens: number;
}

/** A user turn and everything up to the next one. */
function requestBlocks(t: Trajectory, fromTurn: number): Block[] {
  const starts: number[] = [];
  t.turns.forEach((turn, i) => {
    if (i >= fromTurn && turn.role === 'user') starts.push(i);
  });
  return starts.map((start, k) => {
    const end = starts[k + 1] ?? t.turns.length;
    const text = t.turns
      .slice(start, end)
      .flatMap((turn, i) => renderTurn(turn, start + i))
      .join('\n');
    return { start, end, text, tokens: estimateTokens(text) };
  });
}
