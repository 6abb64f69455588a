import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { claudeCodeLocations } from './agents/claude-code';
import { codexLocations } from './agents/codex';
import { copilotLocations } from './agents/copilot';
import { cursorLocations } from './agents/cursor';
import { geminiCliLocations } from './agents/gemini-cli';
import { openClawLocations } from './agents/openclaw';
import { openCodeLocations } from './agents/opencode';
import { specStoryLocations } from './agents/specstory';
import { envPaths, processEnvironment, type DiscoveryEnvironment } from './environment';
import type { SourceLocation } from './location';

/** Folders the user adds to every discovery, separated like PATH entries. */
export const EXTRA_FOLDERS_ENV = 'SKILLSMITH_SESSION_DIRS';

export interface DiscoveryOptions {
  environment?: DiscoveryEnvironment;
  /** The open workspace: where in-workspace stores (SpecStory) are looked for. */
  workspace?: string;
  /** More folders to read, walked whole; `$SKILLSMITH_SESSION_DIRS` adds to these. */
  extraFolders?: readonly string[];
}

export interface DiscoveredLocation extends SourceLocation {
  exists: boolean;
}

/**
 * Every place on this machine where a supported agent keeps sessions, in a fixed order, each marked with
 * whether it exists. Nothing is read here beyond checking that paths exist.
 */
export function discoverSources(opts: DiscoveryOptions = {}): DiscoveredLocation[] {
  const e = opts.environment ?? processEnvironment();
  const all: SourceLocation[] = [
    ...copilotLocations(e),
    ...cursorLocations(e),
    ...claudeCodeLocations(e),
    ...codexLocations(e),
    ...openCodeLocations(e),
    ...openClawLocations(e),
    ...geminiCliLocations(e),
    ...specStoryLocations(opts.workspace),
    ...[...(opts.extraFolders ?? []), ...envPaths(e, EXTRA_FOLDERS_ENV)].map(addedFolder),
  ];
  const seen = new Set<string>();
  const out: DiscoveredLocation[] = [];
  for (const location of all) {
    const id = `${location.agent ?? ''}\u0000${resolve(location.path)}`;
    if (seen.has(id)) continue; // e.g. $XDG_CONFIG_HOME pointing at ~/.config
    seen.add(id);
    out.push({ ...location, exists: existsSync(location.path) });
  }
  return out;
}

function addedFolder(path: string): SourceLocation {
  return { label: 'Added folder', path: resolve(path), units: { kind: 'walk' }, link: 'none' };
}
