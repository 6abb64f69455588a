import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Reader } from './adapter';
import { readLines, splitLines, type RawLine } from './lines';

/** What format detection looks at: the start of a file, as text and as its first JSON lines. */
export interface FileSample {
  /** The first HEAD_BYTES bytes decoded as UTF-8 (binary files give garbage, which sniffers ignore). */
  head: string;
  /** The first few lines that parse as JSON, in order; empty when the first line does not. */
  records: unknown[];
}

const HEAD_BYTES = 64 * 1024;
const SNIFF_LINES = 5;
/** A first line can be a whole session (a mutation log's initial state), so allow a long one. */
const SNIFF_MAX_BYTES = 32 * 1024 * 1024;

export async function sampleFile(path: string): Promise<FileSample> {
  // synchronous reads, for the reason readLineBatches gives
  const fd = openSync(path, 'r');
  let buf: Buffer;
  let wholeFile: boolean;
  try {
    // sized to the file (one byte more shows a file that grew meanwhile): a fresh 64 KiB per small session
    // made ingesting thousands of them GC-bound
    buf = Buffer.allocUnsafe(Math.min(HEAD_BYTES, fstatSync(fd).size + 1));
    const bytesRead = readSync(fd, buf, 0, buf.length, 0);
    wholeFile = bytesRead < buf.length;
    buf = buf.subarray(0, bytesRead);
  } finally {
    closeSync(fd);
  }
  const head = buf.toString('utf8');
  const records: unknown[] = [];
  if (!head.trimStart().startsWith('{')) return { head, records };
  // the head usually settles it; reading on is for files whose first lines are longer than the head
  if (sniffLines(headLines(buf, wholeFile), records) || wholeFile) return { head, records };
  records.length = 0;
  for await (const raw of readLines(path)) {
    if (raw.end > SNIFF_MAX_BYTES && records.length > 0) break;
    if (sniffLine(raw, records)) break;
  }
  return { head, records };
}

/** The lines of the head: whole ones, and the rest of a file shorter than the head as its last. */
function headLines(buf: Buffer, wholeFile: boolean): RawLine[] {
  const lines: RawLine[] = [];
  const from = splitLines(buf, buf.length, 0, 1, lines);
  if (from < buf.length && wholeFile) lines.push({ line: lines.length + 1, text: buf.toString('utf8', from), end: buf.length, complete: false });
  return lines;
}

/** Parses lines into `records` until it knows enough; true when it does. */
function sniffLines(lines: readonly RawLine[], records: unknown[]): boolean {
  for (const raw of lines) if (sniffLine(raw, records)) return true;
  return false;
}

/** Parses one line into `records`; true when sniffing is over (enough records, or a line that is not JSON). */
function sniffLine(raw: RawLine, records: unknown[]): boolean {
  if (raw.text.trim() === '') return false;
  try {
    records.push(JSON.parse(raw.text));
  } catch {
    return true;
  }
  return records.length >= SNIFF_LINES || raw.end > SNIFF_MAX_BYTES;
}

/**
 * The first reader that recognizes the content. `sample` is undefined for a folder, which only
 * whole-folder readers can claim. A sniffer that throws simply does not match.
 */
export function chooseReader(path: string, sample: FileSample | undefined, readers: readonly Reader[]): Reader | undefined {
  for (const reader of readers) {
    try {
      if (reader.kind === 'jsonl') {
        if (sample && sample.records.length > 0 && reader.sniff(sample.records, path)) return reader;
      } else if (reader.sniff(path, sample?.head)) {
        return reader;
      }
    } catch {
      continue;
    }
  }
  return undefined;
}
