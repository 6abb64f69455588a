import type { ParseProblem } from '../transcripts/adapter';

/**
 * - `new`, `updated`, `unchanged`: what this run found against what was stored;
 * - `kept`: its file could not be read this run, and the copy an earlier run stored stays as it was.
 * - `missing`: its file is gone; the stored copy stays (skills' provenance points at it), but it is no
 *   longer offered for distilling.
 */
export type SessionStatus = 'new' | 'updated' | 'unchanged' | 'kept' | 'missing';

export interface IngestProgress {
  /** Units (session files, databases, folder stores) looked at so far, of `total`. */
  done: number;
  total: number;
  path: string;
}

export interface IngestReport {
  /** Sessions seen for the first time. */
  new: number;
  /** Sessions whose content changed since they were stored. */
  updated: number;
  /** Sessions that are stored as they are now. */
  unchanged: number;
  /** Files or stores that could not be read; whatever an earlier run stored from them is kept. */
  failed: number;
  /** Stored sessions whose file is gone: kept in the store, no longer offered for distilling. */
  missing: number;
  /** One line each: the file, the line or record, and why. Some come from files that were otherwise read fine. */
  problems: ParseProblem[];
  /** `origin: 'repository'` for a session read from the workspace's own files (ingest/workspace-borne.ts). */
  sessions: Array<{ key: string; status: SessionStatus; origin?: 'repository' }>;
  files: {
    /** Units found. */
    total: number;
    /** Units read (in whole or from where the last run stopped). */
    read: number;
    /** Of those, units resumed from a saved offset. */
    resumed: number;
  };
  /** The run was cancelled; units not reached were left for the next run. */
  cancelled: boolean;
  /** Session files in the workspace's own files, not read because the workspace is not trusted (workspace-borne.ts). */
  workspaceFilesSkipped: number;
}

export function emptyReport(): IngestReport {
  return { new: 0, updated: 0, unchanged: 0, failed: 0, missing: 0, problems: [], sessions: [], files: { total: 0, read: 0, resumed: 0 }, cancelled: false, workspaceFilesSkipped: 0 };
}
