import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ToolCall, Trajectory, Turn } from '../../../src/core/transcripts/model';

export const FIXTURES = resolve(__dirname, '../../fixtures/transcripts');
/** The public sample set, beside the project (present in CI, absent in a user's clone). */
export const SHARED = resolve(__dirname, '../../../../shared/transcripts');
export const hasShared = existsSync(SHARED);

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function tempDir(prefix = 'skillsmith-transcripts-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function userTexts(t: Trajectory): string[] {
  return t.turns.filter((x) => x.role === 'user').map((x) => x.text);
}

export function roles(t: Trajectory): string {
  return t.turns.map((x: Turn) => (x.role === 'user' ? 'U' : 'A')).join('');
}

export function toolCalls(t: Trajectory): ToolCall[] {
  return t.turns.flatMap((x) => x.toolCalls);
}

export function toolNames(t: Trajectory): string[] {
  return toolCalls(t).map((c) => c.name);
}
