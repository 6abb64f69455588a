import type { AgentSource } from '../model';

/**
 * How the sessions under a location are tied to a workspace before anything is read:
 * - `storage-id`: the first folder is a VS Code-style `workspaceStorage/<id>` with a `workspace.json`;
 * - `encoded-path`: the first folder is the workspace path with every non-alphanumeric character made `-` (Claude Code);
 * - `slug`: the first folder is the workspace path with separators made `-` (Cursor's `~/.cursor/projects`);
 * - `hash`: the first folder is the SHA-256 (hex) of the workspace path (Gemini CLI's `tmp/<projectHash>`);
 * - `inside`: the location is inside the workspace (SpecStory's `.specstory/history`);
 * - `none`: only the sessions themselves say where they ran.
 */
export type WorkspaceLink = 'storage-id' | 'encoded-path' | 'slug' | 'hash' | 'inside' | 'none';

/**
 * Which entries under a location are session files or stores:
 * - `self`: the location itself is one store (a database file, or a folder-shaped store);
 * - `glob`: paths relative to the location, one pattern per entry, segments separated by `/`;
 *   `*` matches within a name and `**` any number of folders; files whose name matches `skip` are left out;
 * - `walk`: every file below, as for a folder the user names.
 */
export type UnitPattern = { kind: 'self' } | { kind: 'glob'; globs: readonly string[]; skip?: RegExp } | { kind: 'walk' };

/** One place an agent keeps sessions. */
export interface SourceLocation {
  /** Undefined for a folder the user added: its files say which agent wrote them. */
  agent?: AgentSource;
  /** Human name of the store, e.g. `Copilot Chat (VS Code Insiders)`. */
  label: string;
  path: string;
  units: UnitPattern;
  link: WorkspaceLink;
}
