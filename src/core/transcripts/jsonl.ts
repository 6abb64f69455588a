import { statSync } from 'node:fs';
import { problemReason, type JsonlReader, type ParseProblem } from './adapter';
import { readLineBatches, type RawLine } from './lines';
import type { Trajectory } from './model';

export { readLines, type RawLine } from './lines';

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
  const size = statSync(path).size;
  if (offset > size) {
    problems.push({ file: path, reason: `file is shorter than the saved offset ${offset}; it was rewritten, read it again from the start` });
    return { trajectories: [], state: st, offset, line, problems };
  }
  let pos = offset;
  let last = line;
  reading: for await (const batch of readLineBatches(path, offset, line + 1)) {
    for (const raw of batch) {
      const outcome = consumeLine(path, reader, st, raw, problems);
      if (outcome === 'stop') break reading;
      if (outcome === 'used' || raw.complete) ({ end: pos, line: last } = raw);
    }
  }
  let trajectories: Trajectory[] = [];
  try {
    trajectories = reader.finish(st);
  } catch (e) {
    problems.push({ file: path, reason: `could not assemble the session: ${problemReason(e)}` });
  }
  return { trajectories, state: st, offset: pos, line: last, problems };
}

/**
 * Feeds one line to the reader: `used` when it is done with (fed, or reported and skipped), `blank` for
 * white space, `stop` for a line to read again next time (still being written) or to stop at.
 */
function consumeLine<S>(path: string, reader: JsonlReader<S>, state: S, raw: RawLine, problems: ParseProblem[]): 'used' | 'blank' | 'stop' {
  if (isBlank(raw.text)) return 'blank';
  let record: unknown;
  try {
    record = JSON.parse(raw.text);
  } catch {
    if (!raw.complete) return 'stop'; // being written: read it next time
    problems.push({ file: path, line: raw.line, reason: 'not valid JSON' + (reader.stopOnCorruptLine ? '; stopped reading here' : '; line skipped') });
    return reader.stopOnCorruptLine ? 'stop' : 'used';
  }
  try {
    reader.feed(state, record, raw.line);
  } catch (e) {
    problems.push({ file: path, line: raw.line, reason: problemReason(e) });
  }
  return 'used';
}

/** A line of nothing but white space; most lines start with `{`, which settles it without trimming. */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first === 0x7b || first === 0x5b) return false;
  return text.trim() === '';
}
