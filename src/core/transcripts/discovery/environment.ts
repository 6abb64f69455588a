import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * What discovery looks at: the platform's folder conventions, the home folder and the environment.
 * Injectable so tests can lay out a fake home for each OS on any machine.
 */
export interface DiscoveryEnvironment {
  platform: NodeJS.Platform;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
}

export function processEnvironment(): DiscoveryEnvironment {
  return { platform: process.platform, home: homedir(), env: process.env };
}

/** An environment variable holding a path: trimmed, `~` expanded; undefined when unset or blank. */
export function envPath(e: DiscoveryEnvironment, name: string): string | undefined {
  const value = e.env[name]?.trim();
  return value ? expandHome(e, value) : undefined;
}

/** A list of paths in one variable, separated the way the platform separates PATH entries. */
export function envPaths(e: DiscoveryEnvironment, name: string, separator = e.platform === 'win32' ? ';' : ':'): string[] {
  const value = e.env[name]?.trim();
  if (!value) return [];
  return value
    .split(separator)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => expandHome(e, p));
}

export function expandHome(e: DiscoveryEnvironment, p: string): string {
  if (p === '~') return e.home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return join(e.home, p.slice(2));
  return isAbsolute(p) ? p : resolve(p);
}

/**
 * The folder VS Code-family editors keep their `<Product>/User` folders in, as VS Code itself resolves it:
 * `VSCODE_APPDATA`, else `%APPDATA%` on Windows, `~/Library/Application Support` on macOS and
 * `$XDG_CONFIG_HOME` or `~/.config` elsewhere.
 */
export function appDataFolder(e: DiscoveryEnvironment): string {
  const override = envPath(e, 'VSCODE_APPDATA');
  if (override) return override;
  if (e.platform === 'win32') return envPath(e, 'APPDATA') ?? join(envPath(e, 'USERPROFILE') ?? e.home, 'AppData', 'Roaming');
  if (e.platform === 'darwin') return join(e.home, 'Library', 'Application Support');
  return envPath(e, 'XDG_CONFIG_HOME') ?? join(e.home, '.config');
}

/** `$XDG_CONFIG_HOME` or `~/.config`, on every platform (tools built on xdg-basedir use it on macOS and Windows too). */
export function xdgConfigHome(e: DiscoveryEnvironment): string {
  return envPath(e, 'XDG_CONFIG_HOME') ?? join(e.home, '.config');
}

/** `$XDG_DATA_HOME` or `~/.local/share`, on every platform (as above). */
export function xdgDataHome(e: DiscoveryEnvironment): string {
  return envPath(e, 'XDG_DATA_HOME') ?? join(e.home, '.local', 'share');
}
