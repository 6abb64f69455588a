import { watch, type FSWatcher } from 'node:fs';
import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import { editorInstallScopes } from '../data/install-scopes';
import { asStateWriter } from '../data/state-writer';
import { libraryChanged } from '../events';
import { log } from '../log';
import type { JobRunner } from '../pipeline/jobs';
import { affects, currentHome, distillRules, handEditQuietMs } from '../settings';
import { recordedLogLine, recordedMessage, type RecordedEdit } from './messages';

/** A check every minute catches what no watcher saw (folders past the cap, editors that keep mtimes). */
const PERIOD_MS = 60_000;
/** The first check waits until the window has settled: nothing heavy while VS Code activates the extension. */
const FIRST_CHECK_MS = 10_000;
/** A save is several file events; one check after they stop. */
const DEBOUNCE_MS = 1_500;
/** Past this many folders, the periodic check alone covers the rest. */
const MAX_WATCHED = 500;

/**
 * Notices hand edits of installed skills and of the library's folders while VS Code is open, and records
 * each one, once it has been quiet for `skillsmith.handEdits.quietMinutes`, as the user's version. Folders are
 * watched with fs.watch (they are mostly outside the workspace, where VS Code's watcher does not reach), and
 * checked every minute and when the window gets focus. A check costs a walk of folder times unless one of
 * them changed since the last check; only then is the state opened for writing.
 */
export class HandEditWatcher implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly recorded = new vscode.EventEmitter<RecordedEdit[]>();
  /** Fires after edits were recorded and the views were told. */
  readonly onDidRecord = this.recorded.event;
  private readonly period: NodeJS.Timeout;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private queued: Promise<RecordedEdit[]> | undefined;
  /** The folders to look at, re-read after anything that may add or remove an install. */
  private folders: string[] | undefined;
  /** The newest folder time the last full check saw; nothing newer means nothing to do. */
  private seen = 0;
  /** An edit waits out its quiet period: the next check must look even if no folder time moved. */
  private waiting = false;
  private disposed = false;
  /** Set while this watcher tells the views about its own recording, which needs no check of its own. */
  private announcing = false;

  constructor(private readonly jobs: JobRunner) {
    this.period = setInterval(() => this.soon(0), PERIOD_MS);
    this.soon(FIRST_CHECK_MS);
    this.disposables.push(
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) this.soon(0);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affects(e, 'home', 'handEdits.quietMinutes')) return;
        this.forget();
        this.soon(DEBOUNCE_MS);
      }),
      // an install, an accepted candidate or a finished job may change which folders hold skills
      // (a write replaces a skill's folder, and a watch on the old one goes quiet without an error: watch anew)
      libraryChanged.event(() => {
        this.folders = undefined;
        this.unwatchAll();
        if (!this.announcing) this.soon(DEBOUNCE_MS);
      }),
    );
  }

  /** Checks now (after a check under way); resolves with what was recorded. */
  check(): Promise<RecordedEdit[]> {
    if (this.queued) return this.queued;
    const next = this.chain.then(() => {
      this.queued = undefined;
      return this.checkOnce();
    });
    this.queued = next;
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Resolves once no check is running. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  private soon(ms: number): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.check().catch((e: unknown) => log().warn(`hand edits: check failed: ${describeError(e)}`));
    }, ms);
  }

  private forget(): void {
    this.folders = undefined;
    this.seen = 0;
    this.waiting = false;
  }

  private async checkOnce(): Promise<RecordedEdit[]> {
    // the worker writes the state while a job runs; the job's end fires libraryChanged, which checks again
    if (this.disposed || this.jobs.current) return [];
    const home = currentHome();
    const run = await import('./absorb-run.js');
    this.folders ??= await run.watchedFolders(home);
    this.watch(this.folders);
    const newest = await run.newestChange(this.folders);
    if (newest <= this.seen && !this.waiting) return [];
    const result = await asStateWriter(async () => (this.jobs.current ? undefined : run.absorbNow(home, { quietMs: handEditQuietMs(), trustRules: distillRules().trust, scopes: editorInstallScopes() })));
    if (!result) return [];
    if (result.skipped) {
      log().debug(`hand edits: not checked: ${result.skipped}`);
      return [];
    }
    // recording writes the library and the installs: their new times are ours, not the user's
    this.seen = result.recorded.length > 0 ? await run.newestChange((this.folders = await run.watchedFolders(home))) : newest;
    this.waiting = result.waitingMs !== undefined;
    if (result.waitingMs !== undefined) this.soon(result.waitingMs + 250);
    for (const p of result.problems) log().warn(`hand edits: ${p}`);
    if (result.recorded.length > 0) this.announce(result.recorded);
    return result.recorded;
  }

  private announce(edits: RecordedEdit[]): void {
    for (const e of edits) {
      log().info(recordedLogLine(e));
      void vscode.window.showInformationMessage(recordedMessage(e));
    }
    this.announcing = true;
    try {
      libraryChanged.fire();
    } finally {
      this.announcing = false;
    }
    this.recorded.fire(edits);
  }

  /** Watches exactly `folders` (up to the cap); a folder that cannot be watched is left to the periodic check. */
  private watch(folders: readonly string[]): void {
    const wanted = new Set(folders.slice(0, MAX_WATCHED));
    for (const [folder, w] of this.watchers) {
      if (wanted.has(folder)) continue;
      w.close();
      this.watchers.delete(folder);
    }
    for (const folder of wanted) {
      if (this.watchers.has(folder)) continue;
      try {
        const w = watch(folder, () => this.soon(DEBOUNCE_MS));
        w.on('error', () => {
          w.close();
          this.watchers.delete(folder);
        });
        this.watchers.set(folder, w);
      } catch {
        // gone or unreadable: the next check re-reads the folders
      }
    }
  }

  private unwatchAll(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.period);
    clearTimeout(this.timer);
    this.unwatchAll();
    for (const d of this.disposables) d.dispose();
    this.recorded.dispose();
  }
}
