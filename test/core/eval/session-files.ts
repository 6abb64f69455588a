import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One request of a written session: the prompt and the shell commands the agent ran for it. */
export interface WrittenRequest {
  prompt: string;
  runs: { command: string; output?: string; failed?: boolean }[];
}

/** Writes a Claude Code session file (the real JSONL shape) with these requests, starting at `start`. */
export function writeClaudeSession(dir: string, id: string, start: string, requests: WrittenRequest[], cwd = '/home/dev/app'): string {
  mkdirSync(dir, { recursive: true });
  let t = Date.parse(start);
  let parent: string | null = null;
  let n = 0;
  const lines: string[] = [];
  const put = (type: string, message: unknown) => {
    const uuid = `${id}-${String(++n).padStart(4, '0')}`;
    lines.push(JSON.stringify({ parentUuid: parent, isSidechain: false, userType: 'external', cwd, sessionId: id, version: '2.0.64', type, message, uuid, timestamp: new Date((t += 30_000)).toISOString() }));
    parent = uuid;
  };
  for (const [i, r] of requests.entries()) {
    put('user', { role: 'user', content: r.prompt });
    for (const [j, run] of r.runs.entries()) {
      const tool = `toolu_${id}_${i}_${j}`;
      put('assistant', { id: `msg_${i}_${j}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'tool_use', id: tool, name: 'Bash', input: { command: run.command } }], stop_reason: 'tool_use' });
      put('user', { role: 'user', content: [{ type: 'tool_result', tool_use_id: tool, content: run.output ?? (run.failed ? 'Error: it failed\nexit code 1' : 'ok'), is_error: run.failed === true }] });
    }
    put('assistant', { id: `msg_${i}_end`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'Done.' }], stop_reason: 'end_turn' });
  }
  const file = join(dir, `${id}.jsonl`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
