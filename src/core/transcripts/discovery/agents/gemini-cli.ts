import { join } from 'node:path';
import { envPath, type DiscoveryEnvironment } from '../environment';
import type { SourceLocation } from '../location';

/**
 * Gemini CLI: `<home>/.gemini/tmp/<project>/chats/session-*.json`, where `<home>` is `$GEMINI_CLI_HOME`
 * (Gemini's own override) or the home folder. `<project>` is the SHA-256 of the project folder's path
 * (newer versions may use a short name instead; such sessions are judged by what they say).
 */
export function geminiCliLocations(e: DiscoveryEnvironment): SourceLocation[] {
  const home = envPath(e, 'GEMINI_CLI_HOME') ?? e.home;
  return [
    {
      agent: 'gemini-cli',
      label: 'Gemini CLI',
      path: join(home, '.gemini', 'tmp'),
      units: { kind: 'glob', globs: ['*/chats/session-*.json'] },
      link: 'hash',
    },
  ];
}
