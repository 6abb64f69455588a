import { join } from 'node:path';
import type { DiscoveryEnvironment } from '../environment';
import type { SourceLocation } from '../location';
import { cursorUserDir } from './vscode-family';

/**
 * Cursor: the global `state.vscdb` (every composer, any workspace), each workspace's `state.vscdb`
 * (legacy chat and its composer index), and the agent transcripts under `~/.cursor/projects/<slug>/`.
 */
export function cursorLocations(e: DiscoveryEnvironment): SourceLocation[] {
  const user = cursorUserDir(e).path;
  return [
    { agent: 'cursor', label: 'Cursor (all composers)', path: join(user, 'globalStorage', 'state.vscdb'), units: { kind: 'self' }, link: 'none' },
    {
      agent: 'cursor',
      label: 'Cursor (workspace chats)',
      path: join(user, 'workspaceStorage'),
      units: { kind: 'glob', globs: ['*/state.vscdb'] },
      link: 'storage-id',
    },
    {
      agent: 'cursor',
      label: 'Cursor agent transcripts',
      path: join(e.home, '.cursor', 'projects'),
      units: { kind: 'glob', globs: ['*/agent-transcripts/*.jsonl', '*/agent-transcripts/*.txt', '*/agent-transcripts/*/*.jsonl'] },
      link: 'slug',
    },
  ];
}
