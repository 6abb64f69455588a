import { join } from 'node:path';
import { xdgDataHome, type DiscoveryEnvironment } from '../environment';
import type { SourceLocation } from '../location';

/**
 * OpenCode: its XDG data folder (`$XDG_DATA_HOME/opencode`, default `~/.local/share/opencode` on every
 * platform) holds `opencode.db` from 1.2 on and the `storage/` tree before.
 */
export function openCodeLocations(e: DiscoveryEnvironment): SourceLocation[] {
  const data = join(xdgDataHome(e), 'opencode');
  return [
    { agent: 'opencode', label: 'OpenCode', path: join(data, 'opencode.db'), units: { kind: 'self' }, link: 'none' },
    { agent: 'opencode', label: 'OpenCode (before 1.2)', path: join(data, 'storage'), units: { kind: 'self' }, link: 'none' },
  ];
}
