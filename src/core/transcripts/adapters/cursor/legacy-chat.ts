import type { Trajectory } from '../../model';
import { isoFrom } from '../common/time';
import { addAssistantText, newTurnLog } from '../../turns';
import { asNonEmpty, type JsonObject } from '../../values';
import { addPrompt } from '../common/turns';
import { objects } from '../common/values';

/**
 * The chat panel of 2023–24: workspace ItemTable key `workbench.panel.aichat.view.aichat.chatdata`,
 * `{tabs:[{tabId, chatTitle, lastSendTime?, bubbles:[{type:"user"|"ai", text}]}]}`. No tool calls.
 */
export function legacyChatTrajectories(chatdata: JsonObject, workspace: string | undefined): Trajectory[] {
  const out: Trajectory[] = [];
  for (const tab of objects(chatdata.tabs)) {
    const tabId = asNonEmpty(tab.tabId);
    if (!tabId) continue;
    const log = newTurnLog();
    for (const bubble of objects(tab.bubbles)) {
      const text = asNonEmpty(bubble.text) ?? asNonEmpty(bubble.rawText) ?? '';
      if (bubble.type === 'user') addPrompt(log, text);
      else if (bubble.type === 'ai') addAssistantText(log, text);
    }
    if (!log.turns.some((t) => t.role === 'user')) continue;
    const trajectory: Trajectory = { source: 'cursor', format: 'cursor-aichat', sessionId: tabId, turns: log.turns };
    const title = asNonEmpty(tab.chatTitle);
    if (title) trajectory.title = title;
    if (workspace) trajectory.workspace = workspace;
    const last = isoFrom(tab.lastSendTime);
    if (last) trajectory.endedAt = last;
    out.push(trajectory);
  }
  return out;
}
