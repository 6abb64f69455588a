import type { AgentSource, ToolCall, Trajectory, Turn } from '../../../src/core/transcripts/model';

/** Small builders for trajectories in tests: a session is a list of requests, each with its tool calls. */
export function user(text: string): Turn {
  return { role: 'user', text, toolCalls: [] };
}

export function agent(text: string, ...toolCalls: ToolCall[]): Turn {
  return { role: 'assistant', text, toolCalls };
}

export function bash(command: string, output = 'ok', isError = false): ToolCall {
  return { name: 'Bash', input: { command }, output, isError };
}

export function shell(command: string, output = 'ok', isError = false): ToolCall {
  return { name: 'shell', input: { command: ['bash', '-lc', command] }, output, isError };
}

export function edit(file: string): ToolCall {
  return { name: 'Edit', input: { file_path: file, old_string: 'a', new_string: 'b' }, output: 'done' };
}

export function read(file: string): ToolCall {
  return { name: 'Read', input: { file_path: file }, output: '…' };
}

export function session(source: AgentSource, id: string, turns: Turn[]): Trajectory {
  return { source, format: 'test', sessionId: id, workspace: '/home/dev/app', turns };
}

/** The "fix the failing tests" workflow, as one agent or another would run it. */
export function fixTests(prompt: string, run: (c: string, o?: string, e?: boolean) => ToolCall = bash): Turn[] {
  return [
    user(prompt),
    agent(
      'Looking at the failures.',
      run('npm test', 'FAIL src/date.test.ts\nexit code 1', true),
      read('/home/dev/app/src/date.ts'),
      edit('/home/dev/app/src/date.ts'),
      run('npm test', 'PASS all 42 tests'),
    ),
  ];
}
