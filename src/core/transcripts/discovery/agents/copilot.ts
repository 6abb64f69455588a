import { join } from 'node:path';
import { envPath, xdgConfigHome, type DiscoveryEnvironment } from '../environment';
import type { SourceLocation } from '../location';
import { vscodeUserDirs } from './vscode-family';

/**
 * GitHub Copilot: chat sessions and agent transcripts in each VS Code-family editor's workspace storage,
 * sessions of windows without a folder, and the Copilot CLI's `session-state` (`$COPILOT_HOME`, default
 * `~/.copilot`; versions before 1.0 honoured `$XDG_CONFIG_HOME/.copilot`).
 */
export function copilotLocations(e: DiscoveryEnvironment): SourceLocation[] {
  const out: SourceLocation[] = [];
  for (const dir of vscodeUserDirs(e)) {
    out.push({
      agent: 'copilot',
      label: `Copilot Chat (${dir.editor})`,
      path: join(dir.path, 'workspaceStorage'),
      units: { kind: 'glob', globs: ['*/chatSessions/*.jsonl', '*/chatSessions/*.json', '*/GitHub.copilot-chat/transcripts/*.jsonl'] },
      link: 'storage-id',
    });
    out.push({
      agent: 'copilot',
      label: `Copilot Chat, no folder open (${dir.editor})`,
      path: join(dir.path, 'globalStorage', 'emptyWindowChatSessions'),
      units: { kind: 'glob', globs: ['*.jsonl', '*.json'] },
      link: 'none',
    });
  }
  const homes = [envPath(e, 'COPILOT_HOME') ?? join(e.home, '.copilot')];
  if (envPath(e, 'XDG_CONFIG_HOME')) homes.push(join(xdgConfigHome(e), '.copilot'));
  for (const home of homes) {
    out.push({
      agent: 'copilot',
      label: 'Copilot CLI',
      path: join(home, 'session-state'),
      units: { kind: 'glob', globs: ['*/events.jsonl'] },
      link: 'none',
    });
  }
  return out;
}
