import type { Reader } from '../../adapter';
import { chatJsonReader } from './chatJson';
import { eventStreamReader } from './events';
import { mutationLogReader } from './mutationLog';

/**
 * GitHub Copilot: VS Code chat sessions (`chatSessions/*.json` v1–v3 and `*.jsonl` mutation logs), "Export
 * Chat" JSON, and the agent event stream (VS Code transcripts and the Copilot CLI's events.jsonl).
 */
export const readers: Reader[] = [mutationLogReader as Reader, eventStreamReader as Reader, chatJsonReader];
