/*
 * NOTE for adapter authors (changes by the transcripts lead):
 * - ParseProblem gained `line` (1-based, for JSONL); `at` stays for other places. `formatProblem` prints both;
 *   `problemReason(e)` turns an error into a one-line reason (JSON.parse messages quote the input).
 * - JsonlReader gained optional `stopOnCorruptLine` (default: skip the bad line and go on).
 * - `feed` may throw any Error for a record it cannot use: the caller turns it into a ParseProblem at that
 *   line and goes on. `finish` returns only sessions with at least one turn (see Turn in model.ts).
 * - Shared helpers: values.ts (narrowing unknown JSON; asNonEmpty for ids), turns.ts (alternating turns kept
 *   in JSON state), vscodeWorkspace.ts (workspaceStorage/<id>/workspace.json → folder).
 * - Register readers in registry.ts; detection tries them in that order (see detect.ts).
 */
import type { AgentSource, Trajectory } from './model';

/** One clear line about input that could not be read: which file, where in it, and why. */
export interface ParseProblem {
  file: string;
  /** 1-based line of a JSONL file. */
  line?: number;
  /** Any other place: `record composerData:abc`, `part prt-001.json` … */
  at?: string;
  reason: string;
}

/** `file:line: reason`, or `file: at: reason`. */
export function formatProblem(p: ParseProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}` : p.at ? `${p.file}: ${p.at}` : p.file;
  return `${where}: ${p.reason}`;
}

/** An error as a problem reason: one line, not too long (parser messages quote the input). */
export function problemReason(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text || 'unknown error';
}

export interface ParseOutput {
  trajectories: Trajectory[];
  problems: ParseProblem[];
}

/**
 * A reader for an append-only stream of JSON lines. Its state is plain JSON so the ingest can persist it
 * with the byte offset it reached, and resume a grown file from there instead of re-reading it.
 */
export interface JsonlReader<S = unknown> {
  kind: 'jsonl';
  source: AgentSource;
  format: string;
  /**
   * Stop at a line that is not JSON instead of skipping it: for logs whose later lines only make sense
   * after every earlier one (a mutation log), going on would build a silently wrong session.
   */
  stopOnCorruptLine?: boolean;
  /** True when these first records (parsed lines, at most a few) look like this format. */
  sniff(firstRecords: readonly unknown[], path: string): boolean;
  init(path: string): S;
  /** Folds one record in. Throws `ForeignRecordError` for a record of another schema; unknown kinds are skipped. */
  feed(state: S, record: unknown, line: number): void;
  /** The sessions the state describes so far. Must not change the state. */
  finish(state: S): Trajectory[];
}

/** A reader for a file, folder or database that is re-read whole when it changes. */
export interface WholeReader {
  kind: 'whole';
  source: AgentSource;
  format: string;
  /** `head` is the first few KiB of a file, or undefined for a folder. */
  sniff(path: string, head: string | undefined): boolean;
  read(path: string): Promise<ParseOutput>;
}

export type Reader = JsonlReader | WholeReader;

/** A record that does not belong to the format its file was detected as. */
export class ForeignRecordError extends Error {}
