import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionUnit } from '../transcripts/discovery';

/**
 * What says a unit changed without reading it: size, modification time and inode (a file replaced by a
 * rename has a new inode even when size and time match). `extra` covers what the main file does not
 * show: a SQLite write-ahead log beside a database, or the file count of a folder-shaped store.
 */
export interface Fingerprint {
  size: number;
  mtimeMs: number;
  inode: string;
  extra: string;
}

const SQLITE_NAME = /\.(db|vscdb|sqlite3?)$/i;

export async function fingerprintOf(unit: SessionUnit): Promise<Fingerprint> {
  if (unit.kind === 'folder') return folderFingerprint(unit.path);
  // synchronous on purpose: a rescan is thousands of stats, and a thread-pool round trip each costs more than the stat
  const info = statSync(unit.path);
  let extra = '';
  if (SQLITE_NAME.test(unit.path)) {
    const wal = statSync(`${unit.path}-wal`, { throwIfNoEntry: false });
    if (wal) extra = `wal:${wal.size}:${wal.mtimeMs}`;
  }
  return { size: info.size, mtimeMs: info.mtimeMs, inode: inodeOf(info), extra };
}

export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.inode === b.inode && a.extra === b.extra;
}

/** A folder store changes when any file in it is added, removed, resized or touched. */
async function folderFingerprint(dir: string): Promise<Fingerprint> {
  const root = await stat(dir);
  let files = 0;
  let size = 0;
  let mtimeMs = root.mtimeMs;
  const visit = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        await visit(path);
        continue;
      }
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) continue;
      files++;
      size += info.size;
      mtimeMs = Math.max(mtimeMs, info.mtimeMs);
    }
  };
  await visit(dir);
  return { size, mtimeMs, inode: inodeOf(root), extra: `files:${files}` };
}

function inodeOf(info: Stats): string {
  return `${info.dev}:${info.ino}`;
}

const CHECK_BYTES = 4096;

/**
 * A hash of the first and the last few KiB before `offset`: when a file is resumed from `offset`, these
 * bytes must still be the ones read last time, or the file was rewritten (a compacted log, an editor
 * save) and is read again from the start.
 */
export function prefixCheck(path: string, offset: number): string {
  const hash = createHash('sha1');
  const fd = openSync(path, 'r');
  try {
    const head = Math.min(CHECK_BYTES, offset);
    const tailStart = Math.max(head, offset - CHECK_BYTES);
    hash.update(readRange(fd, 0, head));
    hash.update(readRange(fd, tailStart, offset - tailStart));
  } finally {
    closeSync(fd);
  }
  return `${offset}:${hash.digest('hex')}`;
}

function readRange(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const bytesRead = readSync(fd, buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buf.subarray(0, done);
}
