import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Database, Statement } from 'sql.js';
import { describeError, SkillsmithError } from '../errors';
import { removeStaleTemps, writeFileAtomic, type FileWriter } from './atomic-write';
import { acquireLock, type HeldLock } from './lock';
import { applyMigrations, checkMigrations, latestVersion } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { openStateFile } from './open-file';
import { loadSqlJs } from './sqljs';
import { allRows, firstRow, runStatement, type SqlParams, type SqlRunner } from './statements';

export type { SqlParams } from './statements';

export interface StateStoreOptions {
  /** Told about anything the user should know, e.g. a damaged file that was moved aside. */
  onNotice?: (message: string) => void;
  /** No lock, no writes, nothing moved or cleaned on disk; for looking while another process writes. */
  readOnly?: boolean;
  /** The schema to bring the file to; defaults to the project's list. */
  migrations?: readonly Migration[];
  /** How long changes gather before one file write. */
  writeDelayMs?: number;
  /** Replaces the atomic file writer (tests count or fail writes with it). */
  writer?: FileWriter;
}

export const DEFAULT_WRITE_DELAY_MS = 250;
/** Prepared statements kept at most (SQL built with values inlined would otherwise pile up). */
const MAX_PREPARED = 64;

/**
 * The state database: sql.js in memory, saved whole and atomically to one file.
 *
 * Opening brings the file to the newest schema (see migrations.ts). A damaged or foreign file is moved
 * aside and reported through `onNotice` and `notices`; a file from a newer Skillsmith is refused with an
 * error instead, because replacing it would discard state the newer version still uses.
 *
 * Changes mark the store dirty; the first change starts a short timer and everything that arrives before
 * it fires goes out in one write (a fixed window, not a sliding debounce, so a steady trickle of changes
 * still reaches disk). The timer never keeps Node alive; `flush()` and `close()` are what guarantee
 * durability, and a process that simply runs out of work flushes on `beforeExit`.
 *
 * Single writer: one process (one thread) owns a state file at a time, enforced by a lock file beside
 * it. Nothing re-reads the file before writing, so a second writer would silently lose the other's
 * changes; the lock is what rules that out. Readers that must not wait open with `readOnly`.
 */
export class StateStore implements SqlRunner {
  readonly notices: string[];
  private writes = 0;

  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private closed = false;
  private depth = 0;
  private seenChanges = 0;
  private readonly statements = new Map<string, Statement>();

  private constructor(
    readonly path: string,
    private readonly db: Database,
    readonly schemaVersion: number,
    readonly readOnly: boolean,
    notices: string[],
    private readonly lock: HeldLock | undefined,
    private readonly writer: FileWriter,
    private readonly writeDelayMs: number,
    private readonly notice: (message: string) => void,
  ) {
    this.notices = notices;
    this.seenChanges = this.totalChanges();
  }

  static async open(path: string, opts: StateStoreOptions = {}): Promise<StateStore> {
    const target = resolve(path);
    const readOnly = opts.readOnly ?? false;
    const migrations = opts.migrations ?? MIGRATIONS;
    checkMigrations(migrations);
    const notices: string[] = [];
    const notice = (m: string) => {
      notices.push(m);
      opts.onNotice?.(m);
    };
    if (!readOnly) claimInThisThread(target);
    let lock: HeldLock | undefined;
    let db: Database | undefined;
    let store: StateStore | undefined;
    try {
      if (!readOnly) {
        await fs.mkdir(dirname(target), { recursive: true });
        lock = await acquireLock(target);
        await removeStaleTemps(target);
      }
      const SQL = await loadSqlJs();
      const latest = latestVersion(migrations);
      const file = await openStateFile(SQL, target, { latest, readOnly, notice });
      db = file.db;
      configureConnection(db);
      const applied = applyMigrations(db, migrations, file.version, target);
      if (readOnly) db.run('PRAGMA query_only = ON');
      store = new StateStore(target, db, latest, readOnly, notices, lock, opts.writer ?? writeFileAtomic, opts.writeDelayMs ?? DEFAULT_WRITE_DELAY_MS, notice);
      if (!readOnly) openStores.add(store);
      if (!readOnly && (file.fresh || applied.length > 0)) {
        store.dirty = true;
        await store.flush();
      }
      return store;
    } catch (e) {
      if (store) openStores.delete(store);
      if (!readOnly) pathsOpenHere.delete(target);
      db?.close();
      await lock?.release();
      throw e;
    }
  }

  /** Runs a statement that changes data or schema. With parameters only the first statement runs. */
  run(sql: string, params?: SqlParams): void {
    this.assertWritable();
    if (params === undefined || params === null) runStatement(this.db, sql);
    else this.runPrepared(sql, params);
    this.markDirty();
  }

  /** Like `db.run(sql, params)`, on a statement kept for next time; reset even when it fails, so no read stays open. */
  private runPrepared(sql: string, params: SqlParams): void {
    const stmt = this.prepared(sql);
    try {
      stmt.bind(params);
      stmt.step();
    } finally {
      stmt.reset();
    }
  }

  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): T[] {
    this.assertOpen();
    const rows = allRows<T>(this.db, sql, params);
    this.noticeChanges(); // e.g. INSERT … RETURNING
    return rows;
  }

  get<T = Record<string, unknown>>(sql: string, params?: SqlParams): T | undefined {
    this.assertOpen();
    const row = firstRow<T>(this.db, sql, params);
    this.noticeChanges();
    return row;
  }

  /** Runs `fn` atomically; nested calls become savepoints. `fn` must be synchronous. */
  transaction<R>(fn: () => R): R {
    this.assertOpen();
    const savepoint = `skillsmith_tx_${this.depth}`;
    this.db.run(`SAVEPOINT ${savepoint}`);
    this.depth++;
    try {
      const result = fn();
      if (isThenable(result)) {
        throw new TypeError('StateStore.transaction needs a synchronous function: a transaction cannot stay open across an await');
      }
      this.db.run(`RELEASE ${savepoint}`);
      return result;
    } catch (e) {
      this.db.run(`ROLLBACK TO ${savepoint}`);
      this.db.run(`RELEASE ${savepoint}`);
      throw e;
    } finally {
      this.depth--;
    }
  }

  /** Writes pending changes now; resolves once they are on disk. */
  async flush(): Promise<void> {
    if (this.closed || this.readOnly) return;
    if (this.depth > 0) throw new Error('StateStore.flush() cannot run inside transaction()');
    this.cancelTimer();
    while (this.writing || this.dirty) {
      if (this.writing) await this.writing.catch(() => undefined);
      else await this.writeNow();
    }
  }

  /** Flushes, then releases the file. If the last write fails the store stays open, so nothing is lost. */
  close(): Promise<void> {
    this.closing ??= this.closeNow().catch((e) => {
      this.closing = undefined;
      throw e;
    });
    return this.closing;
  }

  private async closeNow(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.cancelTimer();
    openStores.delete(this);
    if (!this.readOnly) pathsOpenHere.delete(this.path);
    this.db.close();
    await this.lock?.release();
  }

  /**
   * The timer's write: one write of what is pending now. Changes made meanwhile wait for the next window
   * (flush() would keep writing for as long as changes keep coming, each write the whole file).
   */
  private async saveOnce(): Promise<void> {
    if (this.writing) await this.writing.catch(() => undefined);
    if (this.dirty && !this.closed) await this.writeNow();
  }

  private writeNow(): Promise<void> {
    this.dirty = false;
    const bytes = this.db.export();
    this.writing = this.writer(this.path, bytes)
      .then(
        () => {
          this.writes++;
        },
        (e: unknown) => {
          this.dirty = true;
          throw e;
        },
      )
      .finally(() => {
        this.writing = undefined;
      });
    return this.writing;
  }

  private markDirty(): void {
    this.dirty = true;
    this.seenChanges = this.totalChanges();
    if (this.timer || this.readOnly) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.saveOnce().catch((e) => this.notice(`Could not save ${this.path}: ${describeError(e)}; will retry on the next change.`));
    }, this.writeDelayMs);
    this.timer.unref();
  }

  private noticeChanges(): void {
    if (this.totalChanges() !== this.seenChanges) this.markDirty();
  }

  private totalChanges(): number {
    const stmt = this.prepared('SELECT total_changes()');
    try {
      return stmt.step() ? Number(stmt.get()[0] ?? 0) : 0;
    } finally {
      stmt.reset();
    }
  }

  /**
   * A statement kept prepared for the next run of the same SQL: an ingest runs the same few upserts
   * thousands of times, and preparing one cost sql.js about as much as running it. Freed by `db.close()`.
   */
  private prepared(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      if (this.statements.size >= MAX_PREPARED) this.freePrepared();
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private freePrepared(): void {
    for (const stmt of this.statements.values()) stmt.free();
    this.statements.clear();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`state store ${this.path} is closed`);
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.readOnly) throw new SkillsmithError('is open read-only; changes are not allowed', this.path);
  }

  /** Completed file writes since open (the open itself may have written once). */
  get writeCount(): number {
    return this.writes;
  }

  /** Pending changes, for the exit hook. */
  hasPendingWrites(): boolean {
    return this.dirty || this.writing !== undefined;
  }
}

function isThenable(value: unknown): boolean {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

// Writable stores open in this thread. Opening the same file twice here would be two writers.
const pathsOpenHere = new Set<string>();
const openStores = new Set<StateStore>();
let exitHookInstalled = false;

function claimInThisThread(target: string): void {
  if (pathsOpenHere.has(target)) {
    throw new SkillsmithError('is already open in this process', target, 'share the open StateStore instead of opening it twice');
  }
  pathsOpenHere.add(target);
  installExitHook();
}

// A process that ends by running out of work still saves; the timer alone would not keep it alive.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const failed = new WeakSet<StateStore>(); // beforeExit fires again after each attempt: try once
  process.on('beforeExit', () => {
    for (const store of openStores) {
      if (!store.hasPendingWrites() || failed.has(store)) continue;
      store.flush().catch((e) => {
        failed.add(store);
        process.stderr.write(`skillsmith: could not save ${store.path}: ${describeError(e)}\n`);
      });
    }
  });
}

// The database file sql.js works on lives in memory and is saved only by export, so an on-"disk" rollback
// journal and syncs buy nothing; dropping them makes each autocommit statement several times faster.
function configureConnection(db: Database): void {
  db.run('PRAGMA journal_mode = MEMORY');
  db.run('PRAGMA synchronous = OFF');
}
