import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { envPath, type DiscoveryEnvironment } from '../environment';
import type { SourceLocation } from '../location';

const LEGACY_STATE_DIRS = ['.clawdbot', '.moldbot', '.moltbot'];

/**
 * OpenClaw: `<state>/agents/<agent>/sessions/<sessionId>.trajectory.jsonl`. The state folder is
 * `$OPENCLAW_STATE_DIR` (or the older `$CLAWDBOT_STATE_DIR`), else `~/.openclaw` under `$OPENCLAW_HOME` or
 * the home folder, falling back to a legacy folder name when only that exists.
 */
export function openClawLocations(e: DiscoveryEnvironment): SourceLocation[] {
  return [
    {
      agent: 'openclaw',
      label: 'OpenClaw',
      path: join(openClawStateDir(e), 'agents'),
      units: { kind: 'glob', globs: ['*/sessions/*.trajectory.jsonl'] },
      link: 'none',
    },
  ];
}

function openClawStateDir(e: DiscoveryEnvironment): string {
  const override = envPath(e, 'OPENCLAW_STATE_DIR') ?? envPath(e, 'CLAWDBOT_STATE_DIR');
  if (override) return override;
  const home = envPath(e, 'OPENCLAW_HOME') ?? e.home;
  const current = join(home, '.openclaw');
  if (existsSync(current)) return current;
  return LEGACY_STATE_DIRS.map((name) => join(home, name)).find((dir) => existsSync(dir)) ?? current;
}
