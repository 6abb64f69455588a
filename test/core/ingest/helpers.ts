import { join, resolve } from 'node:path';
import type { JsonlReader, Reader, WholeReader } from '../../../src/core/transcripts/adapter';
import { READERS } from '../../../src/core/transcripts/registry';
import { StateStore } from '../../../src/core/store/database';
import { scratchDir } from '../../support/scratch';

export const SAMPLES = resolve(__dirname, '../../../samples/sessions');
export const FIXTURES = resolve(__dirname, '../../fixtures/transcripts');

export function tempDir(prefix = 'skillsmith-ingest-'): string {
  return scratchDir(prefix);
}

export async function openStore(dir = tempDir()): Promise<StateStore> {
  return StateStore.open(join(dir, 'state.db'));
}

/** Every call the ingest makes into a reader that looks at or parses session content. */
export interface ReaderCalls {
  /** Sniffs given content: a file's first lines or head (a folder sniff reads no session). */
  sniff: number;
  init: number;
  feed: number;
  finish: number;
  read: number;
}

/** The real readers, each call counted. */
export function countingReaders(base: readonly Reader[] = READERS): { readers: Reader[]; calls: ReaderCalls } {
  const calls: ReaderCalls = { sniff: 0, init: 0, feed: 0, finish: 0, read: 0 };
  const readers = base.map((r): Reader => {
    if (r.kind === 'jsonl') {
      const j = r as JsonlReader;
      const wrapped: JsonlReader = {
        ...j,
        sniff: (records, path) => (calls.sniff++, j.sniff(records, path)),
        init: (path) => (calls.init++, j.init(path)),
        feed: (state, record, line) => (calls.feed++, j.feed(state, record, line)),
        finish: (state) => (calls.finish++, j.finish(state)),
      };
      return wrapped;
    }
    const w = r as WholeReader;
    const wrapped: WholeReader = {
      ...w,
      sniff: (path, head) => {
        if (head !== undefined) calls.sniff++;
        return w.sniff(path, head);
      },
      read: (path) => (calls.read++, w.read(path)),
    };
    return wrapped;
  });
  return { readers, calls };
}

export function parses(calls: ReaderCalls): number {
  return calls.sniff + calls.init + calls.feed + calls.finish + calls.read;
}

export interface FileRow {
  byte_offset: number;
  line: number;
  reader_state: string | null;
  status: string;
  error: string | null;
  format: string | null;
}

/** A unit's row in `ingest_files`, its reader state decoded from the BLOB it is kept in. */
export function fileRow(store: StateStore, path: string): FileRow | undefined {
  const row = store.get<Omit<FileRow, 'reader_state'> & { reader_state: Uint8Array | null }>(
    'SELECT byte_offset, line, reader_state, status, error, format FROM ingest_files WHERE path = ?',
    [path],
  );
  return row && { ...row, reader_state: row.reader_state === null ? null : Buffer.from(row.reader_state).toString('utf8') };
}
