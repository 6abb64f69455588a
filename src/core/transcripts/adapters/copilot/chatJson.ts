import { readFile } from 'node:fs/promises';
import type { WholeReader } from '../../adapter';
import { asObject } from '../../values';
import { chatDataFormat, chatDataTrajectory } from './chatData';

/** `chatSessions/<id>.json` (VS Code before 1.109) and "Chat: Export Chat…" files: one JSON object each. */
export const chatJsonReader: WholeReader = {
  kind: 'whole',
  source: 'copilot',
  format: 'copilot-chat-json',
  sniff: (_path, head) =>
    head !== undefined &&
    head.trimStart().startsWith('{') &&
    (/"(requester|responder)Username"\s*:/.test(head) || (/"requests"\s*:/.test(head) && /"(sessionId|version)"\s*:/.test(head))),
  async read(path) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      return { trajectories: [], problems: [{ file: path, reason: 'not valid JSON (truncated or corrupt chat session)' }] };
    }
    const data = asObject(parsed);
    if (!data || !Array.isArray(data.requests)) {
      return { trajectories: [], problems: [{ file: path, reason: 'not a Copilot chat session: no requests array' }] };
    }
    const t = chatDataTrajectory(data, path, chatDataFormat(data));
    return { trajectories: t ? [t] : [], problems: [] };
  },
};
