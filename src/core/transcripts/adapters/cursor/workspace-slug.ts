import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isObject } from '../../values';

/**
 * `~/.cursor/projects/<slug>/agent-transcripts/…`: the slug is the workspace path with separators
 * turned into `-`, which cannot be undone by text alone. We recover the folder by walking the disk,
 * or by matching paths the agent itself used.
 */
export function projectSlug(transcriptPath: string): string | undefined {
  let dir = dirname(transcriptPath);
  for (let i = 0; i < 3; i++, dir = dirname(dir)) {
    if (basename(dir) === 'agent-transcripts') return basename(dirname(dir));
  }
  return undefined;
}

const MAX_PROBES = 5000;

/**
 * The existing folder whose path slugs to `slug`. Separators and punctuation both became `-`, so each
 * level is matched against the real directory names.
 */
export function folderForSlug(slug: string): string | undefined {
  const parts = slug.split('-').filter(Boolean);
  if (parts.length === 0) return undefined;
  const drive = /^[A-Za-z]$/.test(parts[0]) && process.platform === 'win32';
  const root = drive ? `${parts[0].toUpperCase()}:\\` : '/';
  let probes = 0;
  const walk = (dir: string, rest: string[]): string | undefined => {
    if (rest.length === 0) return dir;
    // one listing per folder, looked up by slug form: a crowded folder (/tmp) costs one pass, not one per prefix
    const byKey = new Map<string, string[]>();
    for (const name of subfolders(dir)) {
      const key = normalize(name);
      byKey.set(key, [...(byKey.get(key) ?? []), name]);
    }
    for (let take = 1; take <= rest.length; take++) {
      for (const name of byKey.get(normalize(rest.slice(0, take).join('-'))) ?? []) {
        if (++probes > MAX_PROBES) return undefined;
        const found = walk(join(dir, name), rest.slice(take));
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(root, drive ? parts.slice(1) : parts);
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/** The prefix of an absolute path the agent used that slugs to `slug`: the workspace it ran in. */
export function folderFromUsedPath(slug: string, used: string): string | undefined {
  if (!/^(\/|[A-Za-z]:[\\/])/.test(used)) return undefined;
  const target = normalize(slug);
  const segments = used.split(/[\\/]/);
  for (let n = segments.length; n > 1; n--) {
    const prefix = segments.slice(0, n).join(used.includes('\\') ? '\\' : '/');
    if (normalize(prefix) === target) return prefix;
  }
  return undefined;
}

function normalize(s: string): string {
  return s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}

/** The workspace revealed by any string argument of a tool call. */
export function folderFromToolInput(slug: string, input: unknown): string | undefined {
  if (!isObject(input)) return undefined;
  for (const v of Object.values(input)) {
    const found = typeof v === 'string' ? folderFromUsedPath(slug, v) : undefined;
    if (found) return found;
  }
  return undefined;
}
