import type { SqlRunner } from '../store/statements';
import type { Fingerprint } from './fingerprint';
import { utf8Bytes, utf8Text } from './utf8';

/**
 * - `ok`: read; its sessions are stored (when it has any) and, for a JSONL file, where to resume.
 * - `elsewhere`: read, but every session in it belongs to another workspace; nothing of it is stored.
 * - `failed`: could not be read; the sessions an earlier read stored from it are kept.
 * - `ignored`: not a session file (unknown format, or a `.json` twin of a `.jsonl` session).
 * - `missing`: gone since it was read; the sessions stored from it stay (skills' provenance points at them),
 *   but are no longer new work. Read again from the start if it comes back.
 */
export type FileStatus = 'ok' | 'elsewhere' | 'failed' | 'ignored' | 'missing';

/** Read with no workspace filter. */
export const ALL_WORKSPACES = '*';

/** What the ingest knows about one unit it has seen. */
export interface FileRecord {
  path: string;
  source?: string;
  format?: string;
  readerKind?: 'jsonl' | 'whole';
  fingerprint: Fingerprint;
  /** JSONL: the byte offset after the last line read, the number of that line, and a check of the bytes before it. */
  offset: number;
  line: number;
  checkHash?: string;
  /** JSONL: the reader's state at `offset`, redacted, as JSON; absent when the file is re-read whole on change. */
  readerState?: string;
  /** The workspace the read was limited to, or ALL_WORKSPACES. */
  scope: string;
  status: FileStatus;
  error?: string;
}

interface FileRow {
  path: string;
  source: string | null;
  format: string | null;
  reader_kind: string | null;
  size: number;
  mtime_ms: number;
  inode: string;
  extra: string;
  byte_offset: number;
  line: number;
  check_hash: string | null;
  reader_state: null;
  scope: string;
  status: string;
  error: string | null;
}

/** Every known unit by path, without the reader states (those are loaded only for a file that grew). */
export function loadFileRecords(db: SqlRunner): Map<string, FileRecord> {
  const rows = db.all<FileRow>(
    `SELECT path, source, format, reader_kind, size, mtime_ms, inode, extra, byte_offset, line, check_hash,
            NULL AS reader_state, scope, status, error
       FROM ingest_files`,
  );
  return new Map(rows.map((r) => [r.path, fromRow(r)]));
}

export function loadReaderState(db: SqlRunner, path: string): string | undefined {
  const state = db.get<{ s: unknown }>('SELECT reader_state AS s FROM ingest_files WHERE path = ?', [path])?.s;
  return state === null || state === undefined ? undefined : utf8Text(state);
}

export function saveFileRecord(db: SqlRunner, f: FileRecord, now: string): void {
  db.run(
    `INSERT OR REPLACE INTO ingest_files (path, source, format, reader_kind, size, mtime_ms, inode, extra, byte_offset, line,
       check_hash, reader_state, scope, status, error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      f.path,
      f.source ?? null,
      f.format ?? null,
      f.readerKind ?? null,
      f.fingerprint.size,
      f.fingerprint.mtimeMs,
      f.fingerprint.inode,
      f.fingerprint.extra,
      f.offset,
      f.line,
      f.checkHash ?? null,
      f.readerState === undefined ? null : utf8Bytes(f.readerState),
      f.scope,
      f.status,
      f.error ?? null,
      now,
    ],
  );
}

/** Marks the unit at `path` as gone, keeping everything else its record holds. */
export function markFileMissing(db: SqlRunner, path: string, now: string): void {
  db.run("UPDATE ingest_files SET status = 'missing', updated_at = ? WHERE path = ?", [now, path]);
}

function fromRow(r: FileRow): FileRecord {
  return {
    path: r.path,
    source: r.source ?? undefined,
    format: r.format ?? undefined,
    readerKind: r.reader_kind === 'jsonl' || r.reader_kind === 'whole' ? r.reader_kind : undefined,
    fingerprint: { size: Number(r.size), mtimeMs: Number(r.mtime_ms), inode: r.inode, extra: r.extra },
    offset: Number(r.byte_offset),
    line: Number(r.line),
    checkHash: r.check_hash ?? undefined,
    readerState: r.reader_state ?? undefined,
    scope: r.scope,
    status: r.status as FileStatus,
    error: r.error ?? undefined,
  };
}
