import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Reader } from '../adapter';
import { chooseReader } from '../detect';
import type { SourceLocation } from './location';

/** One thing the ingest reads on its own: a session file, a database, or a folder-shaped store. */
export interface SessionUnit {
  path: string;
  kind: 'file' | 'folder';
  /** Where discovery found it; undefined for a path the user named. */
  location?: SourceLocation;
  /** The first folder under the location on the way to the unit: the key of the location's workspace link. */
  linkKey?: string;
  /** The user named this file: an unknown or empty file is a problem instead of something to pass over. */
  named: boolean;
}

/** Folders that never hold sessions and can be huge. */
const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** The units a discovered location holds right now; none when it does not exist. */
export async function locationUnits(location: SourceLocation, readers: readonly Reader[]): Promise<SessionUnit[]> {
  const units = location.units;
  if (units.kind === 'self') {
    const kind = await kindOf(location.path);
    return kind ? [{ path: location.path, kind, location, named: false }] : [];
  }
  if (units.kind === 'walk') return walkFolder(location.path, readers, location);
  const found = new Map<string, SessionUnit>();
  for (const glob of units.globs) {
    await globUnder(location.path, glob.split('/'), [], units.skip, (path, rel) => {
      if (!found.has(path)) found.set(path, { path, kind: 'file', location, linkKey: rel[0], named: false });
    });
  }
  return [...found.values()].sort((a, b) => compare(a.path, b.path));
}

/** A path the user named: the file itself, or everything under the folder. */
export async function namedUnits(path: string, readers: readonly Reader[]): Promise<SessionUnit[]> {
  const kind = await kindOf(path);
  if (kind === 'file') return [{ path, kind, named: true }];
  if (kind === 'folder') return walkFolder(path, readers, undefined);
  return [];
}

/**
 * Every file under a folder, in name order; a folder that a whole-folder reader claims (a store laid out
 * as many files) is one unit and is not walked into.
 */
async function walkFolder(dir: string, readers: readonly Reader[], location: SourceLocation | undefined): Promise<SessionUnit[]> {
  const out: SessionUnit[] = [];
  const visit = async (folder: string): Promise<void> => {
    const store = chooseReader(folder, undefined, readers);
    if (store?.kind === 'whole') {
      out.push({ path: folder, kind: 'folder', location, named: false });
      return;
    }
    for (const entry of await entries(folder)) {
      const path = join(folder, entry.name);
      const kind = await direntKind(entry, path);
      if (kind === 'folder' && !SKIP_DIRS.has(entry.name)) await visit(path);
      else if (kind === 'file') out.push({ path, kind, location, named: false });
    }
  };
  await visit(dir);
  return out;
}

type Visit = (path: string, rel: string[]) => void;

async function globUnder(dir: string, segments: string[], rel: string[], skip: RegExp | undefined, visit: Visit): Promise<void> {
  const [segment, ...rest] = segments;
  if (segment === undefined) return;
  if (segment === '**') {
    await globUnder(dir, rest, rel, skip, visit);
    for (const entry of await entries(dir)) {
      const path = join(dir, entry.name);
      if ((await direntKind(entry, path)) === 'folder') await globUnder(path, segments, [...rel, entry.name], skip, visit);
    }
    return;
  }
  const pattern = segmentPattern(segment);
  for (const entry of await entries(dir)) {
    if (!pattern.test(entry.name)) continue;
    const path = join(dir, entry.name);
    const kind = await direntKind(entry, path);
    if (rest.length > 0) {
      if (kind === 'folder') await globUnder(path, rest, [...rel, entry.name], skip, visit);
    } else if (kind === 'file' && !skip?.test(entry.name)) {
      visit(path, [...rel, entry.name]);
    }
  }
}

const patterns = new Map<string, RegExp>();

function segmentPattern(segment: string): RegExp {
  let re = patterns.get(segment);
  if (!re) {
    re = new RegExp(`^${segment.split('*').map(escapeRegExp).join('[^/\\\\]*')}$`);
    patterns.set(segment, re);
  }
  return re;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A folder's entries in name order; an unreadable or missing folder has none. */
async function entries(dir: string): Promise<Dirent[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).sort((a, b) => compare(a.name, b.name));
  } catch {
    return [];
  }
}

async function direntKind(entry: Dirent, path: string): Promise<'file' | 'folder' | undefined> {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'folder';
  return entry.isSymbolicLink() ? kindOf(path) : undefined;
}

async function kindOf(path: string): Promise<'file' | 'folder' | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
