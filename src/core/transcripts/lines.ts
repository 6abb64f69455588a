import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** One line of a JSONL file and the byte offset just past it (past its newline when it has one). */
export interface RawLine {
  line: number;
  text: string;
  end: number;
  /** False for a last line without its newline: possibly still being written. */
  complete: boolean;
}

const CHUNK = 1 << 20;
const MIN_CHUNK = 4 << 10;
const NEWLINE = 0x0a;

/**
 * The whole lines in `buf[0, length)`, decoded where they lie (no copy per line); `pos` is the file offset
 * of `buf[0]` and `line` the number of the first line. Returns where the unfinished tail starts.
 */
export function splitLines(buf: Buffer, length: number, pos: number, line: number, into: RawLine[]): number {
  let from = 0;
  for (let nl = buf.indexOf(NEWLINE, 0); nl !== -1 && nl < length; nl = buf.indexOf(NEWLINE, from)) {
    const text = buf.toString('utf8', from, nl);
    into.push({ line: line++, text: text.endsWith('\r') ? text.slice(0, -1) : text, end: pos + nl + 1, complete: true });
    from = nl + 1;
  }
  return from;
}

/**
 * Streams the lines of a file from a byte offset, a chunk's worth at a time; `firstLine` is the number
 * of the line found at the offset. A line longer than the buffer grows it.
 *
 * The reads are synchronous on purpose, as the fingerprint's stats are: a chunk of a local file is read in
 * well under a millisecond, while a thread-pool round trip per open, stat, read and close left the ingest
 * waiting more than working when it reads many files.
 */
export async function* readLineBatches(path: string, offset = 0, firstLine = 1): AsyncGenerator<RawLine[]> {
  const fd = openSync(path, 'r');
  try {
    // a small file gets a smaller buffer: a fresh 1 MiB per file made reading many sessions GC-bound
    const size = fstatSync(fd).size;
    let buf: Buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(MIN_CHUNK, size - offset + 1)));
    let pos = offset; // the file offset of buf[0]
    let line = firstLine;
    let carry = 0; // bytes at the start of buf that belong to a line not finished yet
    for (;;) {
      if (carry === buf.length) buf = grown(buf);
      const bytesRead = readSync(fd, buf, carry, buf.length - carry, pos + carry);
      if (bytesRead === 0) break;
      const filled = carry + bytesRead;
      const batch: RawLine[] = [];
      const from = splitLines(buf, filled, pos, line, batch);
      line += batch.length;
      buf.copy(buf, 0, from, filled);
      carry = filled - from;
      pos += from;
      if (batch.length > 0) yield batch;
    }
    if (carry > 0) yield [{ line, text: buf.toString('utf8', 0, carry), end: pos + carry, complete: false }];
  } finally {
    closeSync(fd);
  }
}

/** Streams the lines of a file from a byte offset, one at a time. */
export async function* readLines(path: string, offset = 0, firstLine = 1): AsyncGenerator<RawLine> {
  for await (const batch of readLineBatches(path, offset, firstLine)) yield* batch;
}

function grown(buf: Buffer): Buffer {
  const bigger = Buffer.allocUnsafe(buf.length * 2);
  buf.copy(bigger);
  return bigger;
}
