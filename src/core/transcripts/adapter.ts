import type { AgentSource, Trajectory } from './model';

/** One clear line about input that could not be read: which file, where in it, and why. */
export interface ParseProblem {
  file: string;
  /** `line 12`, `record composerData:abc`, `part prt-001.json` … */
  at?: string;
  reason: string;
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
