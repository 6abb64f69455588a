import { open, stat } from 'node:fs/promises';
import { problemReason, type JsonlReader, type ParseProblem } from './adapter';
import type { Trajectory } from './model';

/** One line of a JSONL file and the byte offset just past it (past its newline when it has one). */
export interface RawLine {
  line: number;
  text: string;
  end: number;
  /** False for a last line without its newline: possibly still being written. */
  complete: boolean;
}

const CHUNK = 1 << 20;
const MIN_CHUNK = 64 << 10;

/** Streams the lines of a file from a byte offset; `firstLine` is the number of the line found there. */
export async function* readLines(path: string, offset = 0, firstLine = 1): AsyncGenerator<RawLine> {
  const fh = await open(path, 'r');
  try {
    let pos = offset;
    let line = firstLine;
    let pending: Buffer[] = [];
    let pendingStart = offset;
    // a small file gets a smaller buffer: a fresh 1 MiB per file made reading many sessions GC-bound
    const size = (await fh.stat()).size;
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(MIN_CHUNK, size - offset + 1)));
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      let from = 0;
      for (let nl = chunk.indexOf(0x0a, from); nl !== -1; nl = chunk.indexOf(0x0a, from)) {
        pending.push(Buffer.from(chunk.subarray(from, nl)));
        const bytes = Buffer.concat(pending);
        const text = bytes.toString('utf8');
        const end = pendingStart + bytes.length + 1;
        yield { line: line++, text: text.endsWith('\r') ? text.slice(0, -1) : text, end, complete: true };
        pending = [];
        pendingStart = end;
        from = nl + 1;
      }
      if (from < chunk.length) pending.push(Buffer.from(chunk.subarray(from)));
      pos += bytesRead;
    }
    if (pending.length > 0) {
      const bytes = Buffer.concat(pending);
      yield { line, text: bytes.toString('utf8'), end: pendingStart + bytes.length, complete: false };
    }
  } finally {
    await fh.close();
  }
}

export interface JsonlProgress<S> {
  trajectories: Trajectory[];
  /** The reader state after the last whole line read; persist it with `offset` and `line`. */
  state: S;
  /** Byte offset to resume from: past the last line read, before a truncated or stopping line. */
  offset: number;
  /** Number of the last line consumed, so a resumed read names lines correctly. */
  line: number;
  problems: ParseProblem[];
}

/**
 * Reads a JSONL session from a byte offset with a reader, starting from a saved state (or a fresh one).
 * A last line without its newline that does not parse is left for later: the offset stays before it.
 * A bad line in the middle is reported with its number and skipped, or ends the read when the reader
 * asks for that; a record the reader rejects is reported and skipped.
 */
export async function readJsonlFrom<S>(
  path: string,
  reader: JsonlReader<S>,
  state?: S,
  offset = 0,
  line = 0,
): Promise<JsonlProgress<S>> {
  const problems: ParseProblem[] = [];
  const st = state ?? reader.init(path);
  const size = (await stat(path)).size;
  if (offset > size) {
    problems.push({ file: path, reason: `file is shorter than the saved offset ${offset}; it was rewritten, read it again from the start` });
    return { trajectories: [], state: st, offset, line, problems };
  }
  let pos = offset;
  let last = line;
  for await (const raw of readLines(path, offset, line + 1)) {
    if (raw.text.trim() === '') {
      if (raw.complete) ({ end: pos, line: last } = raw);
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(raw.text);
    } catch {
      if (!raw.complete) break; // being written: read it next time
      problems.push({ file: path, line: raw.line, reason: 'not valid JSON' + (reader.stopOnCorruptLine ? '; stopped reading here' : '; line skipped') });
      if (reader.stopOnCorruptLine) break;
      ({ end: pos, line: last } = raw);
      continue;
    }
    try {
      reader.feed(st, record, raw.line);
    } catch (e) {
      problems.push({ file: path, line: raw.line, reason: problemReason(e) });
    }
    ({ end: pos, line: last } = raw);
  }
  let trajectories: Trajectory[] = [];
  try {
    trajectories = reader.finish(st);
  } catch (e) {
    problems.push({ file: path, reason: `could not assemble the session: ${problemReason(e)}` });
  }
  return { trajectories, state: st, offset: pos, line: last, problems };
}
