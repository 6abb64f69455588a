import type { Reader } from '../../adapter';
import { claudeCodeReader } from './reader';

/** Claude Code: `~/.claude/projects/<encoded-cwd>/<sessionId>.jsonl`, one event per line. */
export const readers: Reader[] = [claudeCodeReader as Reader];
