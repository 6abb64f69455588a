import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the library and the state live. One home is shared by the extension and the CLI. */
export interface HomePaths {
  root: string;
  library: string;
  state: string;
}

export const HOME_ENV = 'SKILLSMITH_HOME';

/**
 * The home folder, by precedence: an explicit choice (CLI `--home` or the `skillsmith.home` setting),
 * then `SKILLSMITH_HOME`, then `~/.skillsmith`.
 */
export function resolveHome(explicit?: string, env: NodeJS.ProcessEnv = process.env): HomePaths {
  const chosen = explicit?.trim() || env[HOME_ENV]?.trim() || join(homedir(), '.skillsmith');
  const root = resolve(expandTilde(chosen));
  return { root, library: join(root, 'library'), state: join(root, 'state.db') };
}

function expandTilde(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
}
