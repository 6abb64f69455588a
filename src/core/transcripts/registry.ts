import type { Reader } from './adapter';
import { readers as claudeCode } from './adapters/claude-code';
import { readers as codex } from './adapters/codex';
import { readers as copilot } from './adapters/copilot';
import { readers as copilotShare } from './adapters/copilot-cli-share';
import { readers as cursor } from './adapters/cursor';
import { readers as geminiCli } from './adapters/gemini-cli';
import { readers as openclaw } from './adapters/openclaw';
import { readers as opencode } from './adapters/opencode';
import { readers as specstory } from './adapters/specstory';

/**
 * Every reader, in the order format detection asks them. Each sniffer is meant to be specific enough
 * that order does not matter; when two could claim the same content, the more specific one comes first.
 */
export const READERS: readonly Reader[] = [
  // OpenClaw events (`session.started`, `user.message`…) also fit Copilot's event-stream sniffer; theirs
  // carry `traceSchema: "openclaw-trajectory"`, so they are asked first.
  ...openclaw,
  ...claudeCode,
  ...codex,
  ...copilot,
  ...copilotShare,
  ...cursor,
  ...opencode,
  ...specstory,
  ...geminiCli,
];
