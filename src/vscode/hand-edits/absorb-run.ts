import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { recordHandEdits } from '../../core/evolve/hand-edits/record';
import type { HomePaths } from '../../core/home';
import type { TrustRules } from '../../core/match/trust/levels';
import type { InstallScope } from '../../core/skills/install/agents';
import { lastModified } from '../../core/skills/install/folder-files';
import { listInstallRecords } from '../../core/skills/install/records';
import { StateStore } from '../../core/store/database';
import { StateLockedError } from '../../core/store/lock';
import { editorInstallContext } from '../data/install-context';
import { openLibrary } from '../data/skill-data';
import { readState } from '../data/state';
import type { RecordedEdit } from './messages';

/** One hand-edit check: what it recorded, how long until a waiting edit is quiet, and what went wrong. */
export interface CheckResult {
  recorded: RecordedEdit[];
  /** Milliseconds until the first edit still inside its quiet period may be recorded. */
  waitingMs?: number;
  problems: string[];
  /** Why nothing was looked at (another process writes the state). */
  skipped?: string;
}

/** The folders hand edits land in: installed copies (the version folder behind a link) and the library's skill folders. */
export async function watchedFolders(home: HomePaths): Promise<string[]> {
  const records = (await readState(home.state, (s) => listInstallRecords(s))) ?? [];
  const installed = records.map((r) => (r.method === 'link' ? r.source : r.path));
  const entries = await readdir(home.library, { withFileTypes: true }).catch(() => []);
  const library = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => join(home.library, e.name));
  return [...new Set([...installed, ...library])];
}

/** The newest change under any of the folders (0 when none exists): the cheap test before a full check. */
export async function newestChange(folders: readonly string[]): Promise<number> {
  let newest = 0;
  for (const f of folders) newest = Math.max(newest, await lastModified(f).catch(() => 0));
  return newest;
}

/**
 * Records the quiet hand edits as the user's versions (the CLI's `skillsmith absorb`), stopping any canary of
 * an edited skill. Call it as the host's state writer (asStateWriter).
 */
export async function absorbNow(home: HomePaths, opts: { quietMs: number; trustRules?: TrustRules; scopes?: readonly InstallScope[] }): Promise<CheckResult> {
  if (!existsSync(home.state)) return { recorded: [], problems: [] }; // nothing installed, nothing distilled yet
  let store: StateStore;
  try {
    store = await StateStore.open(home.state);
  } catch (e) {
    if (e instanceof StateLockedError) return { recorded: [], problems: [], skipped: e.describe() };
    throw e;
  }
  try {
    const library = await openLibrary(home.library);
    const report = await recordHandEdits({ ...editorInstallContext(store, library, home, opts.trustRules, opts.scopes), quietMs: opts.quietMs });
    const stopped = new Set(report.canariesStopped);
    const waits = report.waiting.map((w) => w.quietInMs);
    return {
      recorded: report.committed.map((e) => ({ ...e, canaryStopped: stopped.has(e.skill) })),
      ...(waits.length > 0 ? { waitingMs: Math.min(...waits) } : {}),
      problems: report.problems,
    };
  } finally {
    await store.close();
  }
}
