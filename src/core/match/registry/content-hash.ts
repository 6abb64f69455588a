import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** One file of a skill folder as hashing sees it. */
export interface HashedFile {
  path: string;
  bytes: Uint8Array;
  executable: boolean;
  /** For a symbolic link: where it points (its target is not followed). */
  link?: string;
}

const SKIPPED = new Set(['.git', 'node_modules', '.DS_Store']);

/**
 * The hash of a whole skill folder: every file's path, executable bit and bytes (a link's target text),
 * in path order, so a change to a script or a reference changes the hash as much as one to SKILL.md.
 */
export function hashSkillFiles(files: Iterable<HashedFile>): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const h = createHash('sha256');
  for (const f of sorted) {
    const content = f.link !== undefined ? Buffer.from(f.link, 'utf8') : f.bytes;
    h.update(`${f.link !== undefined ? 'link' : f.executable ? 'exec' : 'file'} ${f.path} ${content.byteLength}\n`);
    h.update(content);
    h.update('\n');
  }
  return h.digest('hex');
}

/** Every file under `dir` (links recorded, not followed), paths relative with `/`. */
export async function readSkillFiles(dir: string): Promise<HashedFile[]> {
  const out: HashedFile[] = [];
  await collect(dir, '', out);
  return out;
}

async function collect(root: string, rel: string, out: HashedFile[]): Promise<void> {
  for (const entry of await readdir(join(root, rel), { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    const full = join(root, path);
    if (entry.isDirectory()) await collect(root, path, out);
    else if (entry.isSymbolicLink()) out.push({ path, bytes: new Uint8Array(), executable: false, link: await readlink(full) });
    else if (entry.isFile()) {
      const [bytes, info] = await Promise.all([readFile(full), lstat(full)]);
      out.push({ path, bytes, executable: (info.mode & 0o111) !== 0 });
    }
  }
}

/** The hash of the folder at `dir`. */
export async function hashSkillFolder(dir: string): Promise<string> {
  return hashSkillFiles(await readSkillFiles(dir));
}
