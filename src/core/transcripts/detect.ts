import { open } from 'node:fs/promises';
import type { Reader } from './adapter';
import { readLines } from './jsonl';

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
  const fh = await open(path, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    head = buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
  const records: unknown[] = [];
  if (!head.trimStart().startsWith('{')) return { head, records };
  for await (const raw of readLines(path)) {
    if (raw.end > SNIFF_MAX_BYTES && records.length > 0) break;
    if (raw.text.trim() === '') continue;
    try {
      records.push(JSON.parse(raw.text));
    } catch {
      break;
    }
    if (records.length >= SNIFF_LINES || raw.end > SNIFF_MAX_BYTES) break;
  }
  return { head, records };
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
