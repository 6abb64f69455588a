/**
 * The normalized transcript: every agent's sessions become this one shape before anything else looks at them.
 * All text in it has been redacted.
 */

/** The agent that wrote a session. */
export type AgentSource = 'copilot' | 'cursor' | 'claude-code' | 'codex' | 'opencode' | 'openclaw' | 'specstory' | 'gemini-cli';

export interface Trajectory {
  source: AgentSource;
  /** The concrete on-disk format and era, e.g. `copilot-chatsession-v3`, `codex-rollout-wrapped`. */
  format: string;
  sessionId: string;
  title?: string;
  /** Absolute path of the workspace folder the session ran in, when known. */
  workspace?: string;
  model?: string;
  /** ISO 8601. */
  startedAt?: string;
  endedAt?: string;
  /**
   * `repository` when it was read from the workspace's own files (a repository's `.specstory/history`), which
   * came with the repository rather than from the user's agents; absent for the user's agents' sessions.
   */
  origin?: 'repository';
  turns: Turn[];
}

/**
 * Turns alternate: a user turn is a real human prompt (tool results, reminders, injected context, command
 * wrappers and interruption notices never are), and an assistant turn is everything the agent said and did
 * until the next prompt, its tool calls in order with their results attached. A session without turns is
 * not a trajectory.
 */
export interface Turn {
  role: 'user' | 'assistant';
  text: string;
  timestamp?: string;
  toolCalls: ToolCall[];
}

export interface ToolCall {
  name: string;
  /** The call's arguments as the agent recorded them (parsed when they were a JSON string). */
  input: unknown;
  output?: string;
  isError?: boolean;
}
