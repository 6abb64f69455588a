import { join } from 'node:path';
import { envPath, type DiscoveryEnvironment } from '../environment';
import type { SourceLocation } from '../location';

/** OpenAI Codex: `$CODEX_HOME` (default `~/.codex`) `sessions/YYYY/MM/DD/rollout-*.jsonl` and `archived_sessions/`. */
export function codexLocations(e: DiscoveryEnvironment): SourceLocation[] {
  const home = envPath(e, 'CODEX_HOME') ?? join(e.home, '.codex');
  const globs = ['**/rollout-*.jsonl', '**/rollout-*.json'];
  return [
    { agent: 'codex', label: 'Codex', path: join(home, 'sessions'), units: { kind: 'glob', globs }, link: 'none' },
    { agent: 'codex', label: 'Codex (archived)', path: join(home, 'archived_sessions'), units: { kind: 'glob', globs }, link: 'none' },
  ];
}
