import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { problemReason, type ParseProblem, type Reader } from '../adapter';
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

/**
 * How many folders below a location or named folder are walked. Real stores are a few levels deep
 * (`sessions/YYYY/MM/DD`); deeper is a link farm or a mistake, and is reported rather than followed.
 */
export const MAX_FOLDER_DEPTH = 32;

/**
 * The units a discovered location holds right now; none when it does not exist. Folders that could not be
 * listed, or were too deep to walk, go to `problems` (named, with the reason); the rest is still searched.
 */
export async function locationUnits(location: SourceLocation, readers: readonly Reader[], problems: ParseProblem[] = []): Promise<SessionUnit[]> {
  const units = location.units;
  if (units.kind === 'self') {
    const kind = await kindOf(location.path);
    return kind ? [{ path: location.path, kind, location, named: false }] : [];
  }
  const walk = new Walk(problems);
  if (units.kind === 'walk') return walk.folder(location.path, readers, location);
  const found = new Map<string, SessionUnit>();
  for (const glob of units.globs) {
    await walk.glob(location.path, glob.split('/'), [], units.skip, (path, rel) => {
      if (!found.has(path)) found.set(path, { path, kind: 'file', location, linkKey: rel[0], named: false });
    });
  }
  return [...found.values()].sort((a, b) => compare(a.path, b.path));
}

/** A path the user named: the file itself, or everything under the folder (problems as for `locationUnits`). */
export async function namedUnits(path: string, readers: readonly Reader[], problems: ParseProblem[] = []): Promise<SessionUnit[]> {
  const kind = await kindOf(path);
  if (kind === 'file') return [{ path, kind, named: true }];
  if (kind === 'folder') return new Walk(problems).folder(path, readers, undefined);
  return [];
}

type Visit = (path: string, rel: string[]) => void;

/**
 * One search of a folder tree. Directory links are followed, so a folder is entered once per real folder
 * (device and inode) and a file is a unit once, under the first path that reaches it: a link back up
 * (`sub/up -> ..`, `self -> .`) would otherwise be walked without end.
 */
class Walk {
  private readonly entered = new Set<string>();
  private readonly files = new Set<string>();
  /** Folders already reported: several patterns may ask for the same one. */
  private readonly reported = new Set<string>();

  constructor(private readonly problems: ParseProblem[]) {}

  /**
   * Every file under a folder, in name order; a folder that a whole-folder reader claims (a store laid out
   * as many files) is one unit and is not walked into.
   */
  async folder(dir: string, readers: readonly Reader[], location: SourceLocation | undefined): Promise<SessionUnit[]> {
    const out: SessionUnit[] = [];
    const visit = async (folder: string, depth: number): Promise<void> => {
      if (!(await this.enter(folder, depth, ''))) return;
      const store = chooseReader(folder, undefined, readers);
      if (store?.kind === 'whole') {
        out.push({ path: folder, kind: 'folder', location, named: false });
        return;
      }
      for (const entry of await this.entries(folder)) {
        const path = join(folder, entry.name);
        const kind = await direntKind(entry, path);
        if (kind === 'folder' && !SKIP_DIRS.has(entry.name)) await visit(path, depth + 1);
        else if (kind === 'file' && (await this.firstSight(path))) out.push({ path, kind, location, named: false });
      }
    };
    await visit(dir, 0);
    return out;
  }

  async glob(dir: string, segments: string[], rel: string[], skip: RegExp | undefined, visit: Visit): Promise<void> {
    const [segment, ...rest] = segments;
    if (segment === undefined) return;
    // the same folder is matched against each remaining pattern once
    if (!(await this.enter(dir, rel.length, segments.join('/')))) return;
    if (segment === '**') {
      await this.glob(dir, rest, rel, skip, visit);
      for (const entry of await this.entries(dir)) {
        const path = join(dir, entry.name);
        if ((await direntKind(entry, path)) === 'folder') await this.glob(path, segments, [...rel, entry.name], skip, visit);
      }
      return;
    }
    const pattern = segmentPattern(segment);
    for (const entry of await this.entries(dir)) {
      if (!pattern.test(entry.name)) continue;
      const path = join(dir, entry.name);
      const kind = await direntKind(entry, path);
      if (rest.length > 0) {
        if (kind === 'folder') await this.glob(path, rest, [...rel, entry.name], skip, visit);
      } else if (kind === 'file' && !skip?.test(entry.name) && (await this.firstSight(path))) {
        visit(path, [...rel, entry.name]);
      }
    }
  }

  /** True the first time this real folder is reached (for this pattern) within the depth cap. */
  private async enter(folder: string, depth: number, pattern: string): Promise<boolean> {
    if (depth > MAX_FOLDER_DEPTH) {
      this.report(folder, `more than ${MAX_FOLDER_DEPTH} folders deep; not searched further`);
      return false;
    }
    const id = await identity(folder);
    if (id === undefined) return true; // cannot tell: listing it will say what is wrong
    const key = `${id}\u0000${pattern}`;
    if (this.entered.has(key)) return false;
    this.entered.add(key);
    return true;
  }

  /** True the first time this real file is reached. */
  private async firstSight(path: string): Promise<boolean> {
    const id = await identity(path);
    if (id === undefined) return true;
    if (this.files.has(id)) return false;
    this.files.add(id);
    return true;
  }

  private report(folder: string, reason: string): void {
    if (this.reported.has(folder)) return;
    this.reported.add(folder);
    this.problems.push({ file: folder, reason });
  }

  /** A folder's entries in name order; one that cannot be listed has none and is reported (unless it is gone). */
  private async entries(dir: string): Promise<Dirent[]> {
    try {
      return (await readdir(dir, { withFileTypes: true })).sort((a, b) => compare(a.name, b.name));
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      // removed or replaced while the search ran: nothing there to miss
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.report(dir, `could not list this folder: ${listReason(e)}`);
      return [];
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

function listReason(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return problemReason(e);
}

/** Device and inode of what the path names (links followed); undefined when it cannot be looked at. */
async function identity(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path, { bigint: true });
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
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
