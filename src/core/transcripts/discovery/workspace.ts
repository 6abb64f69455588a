import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workspaceFromStorage } from '../vscodeWorkspace';
import type { SessionUnit } from './units';

/**
 * What a store's own layout says about a unit's workspace before it is read: it is the workspace (or
 * inside it), it may be, it is not, or the layout does not say.
 */
export type LinkVerdict = 'yes' | 'maybe' | 'no' | 'unknown';

/**
 * Keeps the sessions that belong to one workspace: those that ran in the folder or inside it. A session
 * that names its workspace is judged by that; one that does not, by its store's link.
 */
export class WorkspaceFilter {
  /** The folder as given and as resolved through symlinks: a session may have recorded either. */
  readonly folders: readonly string[];
  private readonly verdicts = new Map<string, LinkVerdict>();

  constructor(workspace: string) {
    // a Windows path stays as written on other systems (tests, and stores copied between machines)
    const given = /^[A-Za-z]:[\\/]/.test(workspace) ? workspace : resolve(workspace);
    const folders = [given];
    try {
      const real = realpathSync(given);
      if (real !== given) folders.push(real);
    } catch {
      // a workspace that does not exist (yet) is matched as written
    }
    this.folders = folders;
  }

  /** The unit's link verdict, remembered per link key (many sessions share one workspace folder). */
  verdict(unit: SessionUnit): LinkVerdict {
    const location = unit.location;
    if (!location) return 'unknown';
    if (location.link === 'inside') return 'yes';
    if (location.link === 'none' || unit.linkKey === undefined) return 'unknown';
    const id = `${location.link}\u0000${location.path}\u0000${unit.linkKey}`;
    let verdict = this.verdicts.get(id);
    if (verdict === undefined) {
      verdict = this.judge(location.link, location.path, unit.linkKey);
      this.verdicts.set(id, verdict);
    }
    return verdict;
  }

  /** Whether a session read from a unit with this verdict belongs to the workspace. */
  accepts(sessionWorkspace: string | undefined, verdict: LinkVerdict): boolean {
    if (sessionWorkspace) return this.folders.some((f) => isWithin(sessionWorkspace, f));
    return verdict === 'yes';
  }

  private judge(link: 'storage-id' | 'encoded-path' | 'slug' | 'hash', root: string, key: string): LinkVerdict {
    if (link === 'hash') {
      // a digest says nothing about subfolders: only the very folder (as given or resolved) is a yes
      if (!/^[0-9a-f]{64}$/i.test(key)) return 'unknown';
      return this.folders.some((f) => sha256(f) === key.toLowerCase()) ? 'yes' : 'no';
    }
    if (link === 'storage-id') {
      const folder = workspaceFromStorage(join(root, key, 'workspace.json'), 1);
      if (!folder) return 'unknown';
      return this.folders.some((f) => isWithin(folder, f)) ? 'yes' : 'no';
    }
    const encode = link === 'encoded-path' ? claudeEncoded : cursorSlug;
    const name = link === 'encoded-path' ? key : cursorSlug(key);
    let best: LinkVerdict = 'no';
    for (const folder of this.folders) {
      const own = encode(folder);
      if (sameName(name, own)) return 'yes';
      // the encodings are lossy: a longer name may be a subfolder, or a sibling whose name goes on
      if (startsWithName(name, `${own}-`)) best = 'maybe';
    }
    return best;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** True when `path` is `folder` or inside it; separators and (for drive paths) case do not matter. */
export function isWithin(path: string, folder: string): boolean {
  const p = pathKey(path);
  const f = pathKey(folder);
  return p === f || p.startsWith(f.endsWith('/') ? f : `${f}/`);
}

function pathKey(path: string): string {
  let p = path.replace(/\\/g, '/');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return /^[A-Za-z]:/.test(p) ? p.toLowerCase() : p;
}

/** Claude Code's project folder name: every character that is not a letter or digit becomes `-`. */
export function claudeEncoded(folder: string): string {
  return folder.replace(/[^A-Za-z0-9]/g, '-');
}

/** Cursor's project slug, normalized the same way on both sides: runs of other characters become one `-`. */
export function cursorSlug(s: string): string {
  return s
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

function startsWithName(name: string, prefix: string): boolean {
  return name.startsWith(prefix) || name.toLowerCase().startsWith(prefix.toLowerCase());
}
