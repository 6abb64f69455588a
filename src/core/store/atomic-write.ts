import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes a whole file so that readers only ever see the old or the new complete content. */
export type FileWriter = (path: string, data: Uint8Array) => Promise<void>;

/** Temp files are siblings of the target, so the final rename never crosses a file system. */
export function tempPrefix(target: string): string {
  return `${basename(target)}.tmp-`;
}

/**
 * Temp file in the same folder, fsync, rename over the target, fsync the folder. A crash at any point
 * leaves the target either untouched or fully replaced; at worst a stray temp file remains, which
 * `removeStaleTemps` cleans.
 */
export const writeFileAtomic: FileWriter = async (target, data) => {
  const temp = join(dirname(target), `${tempPrefix(target)}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
  await syncFolder(dirname(target));
};

/** Deletes temp files a crashed writer left beside the target. Only call while holding the writer lock. */
export async function removeStaleTemps(target: string): Promise<string[]> {
  const folder = dirname(target);
  const prefix = tempPrefix(target);
  const names = (await fs.readdir(folder).catch(() => [] as string[])).filter((n) => n.startsWith(prefix));
  await Promise.all(names.map((n) => fs.rm(join(folder, n), { force: true })));
  return names.map((n) => join(folder, n));
}

// Windows refuses to replace a file another process (often a virus scanner) holds open for a moment.
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 10 || !['EPERM', 'EACCES', 'EBUSY'].includes(code ?? '')) throw e;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
}

// Makes the rename itself durable. Some platforms (Windows) and file systems cannot open or sync a
// folder; the new content is already in place then, so that is not worth failing the write over.
async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP', 'EBADF'].includes(code)) throw e;
  } finally {
    await handle?.close();
  }
}
