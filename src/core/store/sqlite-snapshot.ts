import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Database } from 'sql.js';
import { SkillsmithError } from '../errors';
import { loadSqlJs } from './sqljs';

/**
 * Reads another application's SQLite store (Cursor, OpenCode…) without ever opening the original:
 * the database and its `-wal`/`-shm` siblings are copied to a private temp folder, the committed WAL
 * frames are folded into the copy (sql.js cannot read a WAL itself), and `use` runs on that snapshot.
 * The snapshot is closed and the temp folder removed afterwards, whatever happens.
 */
export async function readSqliteSnapshot<T>(path: string, use: (db: Database) => T): Promise<T> {
  const SQL = await loadSqlJs();
  const dir = mkdtempSync(join(tmpdir(), 'skillsmith-sqlite-'));
  try {
    const bytes = copyConsistently(path, dir);
    let db: Database;
    try {
      db = new SQL.Database(bytes);
      db.exec('SELECT count(*) FROM sqlite_master');
    } catch (e) {
      throw new SkillsmithError(`not a readable SQLite database (${(e as Error).message})`, path);
    }
    try {
      return use(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const COPY_ATTEMPTS = 3;

/**
 * Copies the WAL before the database, so a checkpoint racing the copy only moves frames we replay
 * anyway; retries while the files keep changing under us.
 */
function copyConsistently(path: string, dir: string): Uint8Array {
  if (!existsSync(path)) throw new SkillsmithError('database file not found', path);
  let bytes: Uint8Array = new Uint8Array();
  for (let attempt = 0; attempt < COPY_ATTEMPTS; attempt++) {
    const before = fingerprint(path);
    const copy = copyTriplet(path, dir);
    bytes = withWalApplied(readFileSync(copy.db), copy.wal ? readFileSync(copy.wal) : undefined);
    if (fingerprint(path) === before) break;
  }
  return bytes;
}

function copyTriplet(path: string, dir: string): { db: string; wal?: string } {
  const name = basename(path);
  const out: { db: string; wal?: string } = { db: join(dir, name) };
  for (const suffix of ['-wal', '-shm']) {
    if (!existsSync(path + suffix)) continue;
    copyFileSync(path + suffix, join(dir, name + suffix));
    if (suffix === '-wal') out.wal = join(dir, name + suffix);
  }
  copyFileSync(path, out.db);
  return out;
}

function fingerprint(path: string): string {
  return [path, path + '-wal']
    .map((p) => (existsSync(p) ? `${statSync(p).size}:${statSync(p).mtimeMs}` : '-'))
    .join('|');
}

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/**
 * Applies the WAL's valid, committed frames to the database image, as SQLite would when it reads,
 * and marks the result as a rollback-journal database so sql.js opens it without a WAL.
 */
export function withWalApplied(db: Uint8Array, wal: Uint8Array | undefined): Uint8Array {
  let image = Uint8Array.from(db);
  const frames = wal ? committedFrames(wal) : undefined;
  if (frames && frames.pages.length > 0) {
    const size = Math.max(image.length, frames.dbPages * frames.pageSize);
    const grown = new Uint8Array(size);
    grown.set(image.subarray(0, Math.min(image.length, size)));
    for (const { pgno, data } of frames.pages) grown.set(data, (pgno - 1) * frames.pageSize);
    image = grown.subarray(0, frames.dbPages * frames.pageSize);
    writeU32(image, 28, frames.dbPages);
    writeU32(image, 92, readU32(image, 24));
  }
  if (image.length >= 100) {
    image[18] = 1;
    image[19] = 1;
  }
  return image;
}

interface CommittedFrames {
  pageSize: number;
  dbPages: number;
  pages: { pgno: number; data: Uint8Array }[];
}

function committedFrames(wal: Uint8Array): CommittedFrames | undefined {
  if (wal.length < WAL_HEADER) return undefined;
  const magic = readU32(wal, 0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return undefined;
  const bigEndian = magic === 0x377f0683;
  const pageSize = readU32(wal, 8) || 65536;
  const salt = [readU32(wal, 16), readU32(wal, 20)];
  let sum = checksum(wal.subarray(0, 24), bigEndian, [0, 0]);
  if (sum[0] !== readU32(wal, 24) || sum[1] !== readU32(wal, 28)) return undefined;

  const pending: { pgno: number; data: Uint8Array }[] = [];
  const committed: CommittedFrames = { pageSize, dbPages: 0, pages: [] };
  for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= wal.length; at += FRAME_HEADER + pageSize) {
    if (readU32(wal, at + 8) !== salt[0] || readU32(wal, at + 12) !== salt[1]) break;
    const data = wal.subarray(at + FRAME_HEADER, at + FRAME_HEADER + pageSize);
    sum = checksum(data, bigEndian, checksum(wal.subarray(at, at + 8), bigEndian, sum));
    if (sum[0] !== readU32(wal, at + 16) || sum[1] !== readU32(wal, at + 20)) break;
    pending.push({ pgno: readU32(wal, at), data });
    const dbPages = readU32(wal, at + 4);
    if (dbPages > 0) {
      committed.pages.push(...pending.splice(0));
      committed.dbPages = dbPages;
    }
  }
  return committed;
}

/** SQLite's WAL checksum: Fibonacci-weighted sums over pairs of 32-bit words. */
function checksum(bytes: Uint8Array, bigEndian: boolean, seed: number[]): number[] {
  let s0 = seed[0];
  let s1 = seed[1];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 8 <= bytes.length; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

function readU32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, false);
}

function writeU32(bytes: Uint8Array, at: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(at, value, false);
}
