import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { describeError } from '../errors';
import type { JsonlReader, ParseProblem, Reader, WholeReader } from '../transcripts/adapter';
import { chooseReader, sampleFile } from '../transcripts/detect';
import type { SessionUnit } from '../transcripts/discovery';
import { readJsonlFrom } from '../transcripts/jsonl';
import type { Trajectory } from '../transcripts/model';
import type { FileRecord } from './files';
import { prefixCheck, type Fingerprint } from './fingerprint';

/** Where a JSONL read stopped, to resume from next time. */
export interface JsonlCursor {
  state: unknown;
  offset: number;
  line: number;
}

export type UnitRead =
  | { kind: 'read'; reader: Reader; trajectories: Trajectory[]; problems: ParseProblem[]; resumed: boolean; cursor?: JsonlCursor }
  | { kind: 'failed'; reason: string; problems: ParseProblem[]; reader?: Reader }
  | { kind: 'ignored'; reason: string; reader?: Reader };

export interface ReadContext {
  readers: readonly Reader[];
  /** The saved reader state of a unit (loaded only when a resume is possible). */
  loadState(path: string): string | undefined;
}

/**
 * Reads a unit that is new or changed: a JSONL file that only grew is resumed from its saved offset and
 * reader state; anything else (a whole-file format, a file that shrank, was replaced or rewritten, or has
 * no saved state) is read from the start. Never throws: a unit that cannot be read is `failed`.
 */
export async function readUnit(unit: SessionUnit, prior: FileRecord | undefined, fp: Fingerprint, ctx: ReadContext): Promise<UnitRead> {
  try {
    const resumed = await tryResume(unit, prior, fp, ctx);
    if (resumed) return resumed;
    return unit.kind === 'folder' ? await readFolderStore(unit, ctx) : await readFileFresh(unit, prior, fp, ctx);
  } catch (e) {
    return { kind: 'failed', reason: fsReason(e), problems: [] };
  }
}

async function tryResume(unit: SessionUnit, prior: FileRecord | undefined, fp: Fingerprint, ctx: ReadContext): Promise<UnitRead | undefined> {
  if (!prior || prior.status !== 'ok' || prior.readerKind !== 'jsonl' || prior.checkHash === undefined) return undefined;
  if (fp.inode !== prior.fingerprint.inode || fp.size < prior.offset) return undefined;
  const reader = ctx.readers.find((r): r is JsonlReader => r.kind === 'jsonl' && r.format === prior.format);
  if (!reader) return undefined;
  if (prefixCheck(unit.path, prior.offset) !== prior.checkHash) return undefined;
  const saved = ctx.loadState(unit.path);
  if (saved === undefined) return undefined;
  const r = await readJsonlFrom(unit.path, reader, JSON.parse(saved) as unknown, prior.offset, prior.line);
  return jsonlOutcome(reader, r, true);
}

async function readFolderStore(unit: SessionUnit, ctx: ReadContext): Promise<UnitRead> {
  const reader = chooseReader(unit.path, undefined, ctx.readers);
  if (reader?.kind !== 'whole') {
    const reason = 'not a recognized session store';
    return unit.named ? { kind: 'failed', reason, problems: [] } : { kind: 'ignored', reason };
  }
  return readWhole(unit, reader);
}

async function readFileFresh(unit: SessionUnit, prior: FileRecord | undefined, fp: Fingerprint, ctx: ReadContext): Promise<UnitRead> {
  const knownSessionFile = prior?.status === 'ok' || prior?.status === 'elsewhere' || prior?.status === 'failed';
  if (fp.size === 0) {
    const reason = 'empty file';
    return unit.named || knownSessionFile ? { kind: 'failed', reason, problems: [] } : { kind: 'ignored', reason };
  }
  const reader = chooseReader(unit.path, await sampleFile(unit.path), ctx.readers);
  if (!reader) {
    const reason = 'not a recognized transcript format';
    const worthSaying = unit.named || knownSessionFile || extname(unit.path) === '.jsonl';
    return worthSaying ? { kind: 'failed', reason, problems: [] } : { kind: 'ignored', reason };
  }
  const twin = await jsonlTwin(unit.path, reader, ctx.readers);
  if (twin) return { kind: 'ignored', reason: `the same session as ${basename(twin)}, which is read instead`, reader };
  if (reader.kind === 'whole') return readWhole(unit, reader);
  return jsonlOutcome(reader, await readJsonlFrom(unit.path, reader), false);
}

/**
 * VS Code writes a chat session as `<id>.jsonl` from 1.109 on and reads that first; an `<id>.json` beside
 * it from the same agent is the same session in the older layout.
 */
async function jsonlTwin(path: string, reader: Reader, readers: readonly Reader[]): Promise<string | undefined> {
  if (extname(path) !== '.json') return undefined;
  const twin = join(dirname(path), `${basename(path, '.json')}.jsonl`);
  if (!existsSync(twin)) return undefined;
  try {
    return chooseReader(twin, await sampleFile(twin), readers)?.source === reader.source ? twin : undefined;
  } catch {
    return undefined;
  }
}

async function readWhole(unit: SessionUnit, reader: WholeReader): Promise<UnitRead> {
  let out;
  try {
    out = await reader.read(unit.path);
  } catch (e) {
    return { kind: 'failed', reason: `could not read as ${reader.format}: ${describeError(e)}`, problems: [], reader };
  }
  if (out.trajectories.length === 0 && out.problems.length > 0) return failedWith(reader, out.problems);
  return { kind: 'read', reader, trajectories: out.trajectories, problems: out.problems, resumed: false };
}

function jsonlOutcome(reader: JsonlReader, r: Awaited<ReturnType<typeof readJsonlFrom>>, resumed: boolean): UnitRead {
  if (r.trajectories.length === 0 && r.problems.length > 0) return failedWith(reader, r.problems);
  return {
    kind: 'read',
    reader,
    trajectories: r.trajectories,
    problems: r.problems,
    resumed,
    cursor: { state: r.state, offset: r.offset, line: r.line },
  };
}

function failedWith(reader: Reader, problems: ParseProblem[]): UnitRead {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  return { kind: 'failed', reason: `no session could be read as ${reader.format}: ${problems[0]!.reason}${more}`, problems, reader };
}

/** A file-system error as a short reason. */
export function fsReason(e: unknown): string {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return describeError(e);
}
