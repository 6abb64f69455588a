import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { redactText, redactTogether } from '../redact';
import type { StateStore } from '../store/database';
import type { ParseProblem, Reader } from '../transcripts/adapter';
import { locationUnits, namedUnits, WorkspaceFilter, type LinkVerdict, type SessionUnit, type SourceLocation } from '../transcripts/discovery';
import type { Trajectory } from '../transcripts/model';
import { READERS } from '../transcripts/registry';
import { ALL_WORKSPACES, loadFileRecords, loadReaderState, markFileMissing, saveFileRecord, type FileRecord } from './files';
import { fingerprintOf, prefixCheck, sameFingerprint, type Fingerprint } from './fingerprint';
import { fsReason, readUnit, type JsonlCursor, type UnitRead } from './read-unit';
import { emptyReport, type IngestProgress, type IngestReport, type SessionStatus } from './report';
import { loadSessionIndex, loadTrajectory, saveSession, sessionKey, type SessionIndexEntry } from './sessions';
import { isWorkspaceBorne } from './workspace-borne';

export type { IngestProgress, IngestReport, SessionStatus } from './report';

/** A path the user named (a file or a folder, read whole), or a location discovery found. */
export type IngestTarget = string | SourceLocation;

export interface IngestOptions {
  /** Keep only sessions that ran in this folder or inside it. */
  workspace?: string;
  /** Ignore `workspace`: keep every session. */
  allWorkspaces?: boolean;
  /**
   * Read the sessions kept in the workspace's own files (workspace-borne.ts). Off by default: only a trusted
   * workspace turns it on. Off, those files are counted in `workspaceFilesSkipped` and not read.
   */
  workspaceSessions?: boolean;
  onProgress?: (progress: IngestProgress) => void;
  /** Stops between units; what was read so far stays stored and the report says `cancelled`. */
  signal?: AbortSignal;
  /** The readers to detect formats with (default: all of them). */
  readers?: readonly Reader[];
  /**
   * A JSONL file not modified for this long is taken as finished: its reader state is not kept, and if it
   * does grow after all it is read again from the start. Keeps the store small (default: 7 days).
   */
  resumeWindowMs?: number;
}

export const DEFAULT_RESUME_WINDOW_MS = 7 * 24 * 3600 * 1000;
/**
 * The write window to open the store with for a bulk ingest. Every save writes the whole database, so
 * the default quarter-second window would rewrite a growing file hundreds of times; a crash within the
 * window only loses work the next run redoes (units are recorded with their sessions, in one transaction).
 */
export const INGEST_WRITE_DELAY_MS = 5_000;
/** Beyond this many problems in one unit, the rest are counted in one line. */
const PROBLEMS_PER_UNIT = 20;

/**
 * Reads the sessions under `targets` into the store, incrementally and redacted. A unit (session file,
 * database, folder store) whose size, time and inode are as last seen is not read at all; a JSONL file
 * that grew is read from where the last run stopped; anything else that changed is read again whole.
 * Each unit is stored in its own transaction, and a unit that fails keeps what earlier runs stored from it.
 */
export async function ingest(store: StateStore, targets: readonly IngestTarget[], opts: IngestOptions = {}): Promise<IngestReport> {
  const run = new IngestRun(store, opts);
  await run.collect(targets);
  await run.readAll();
  run.noteMissing();
  return run.finish();
}

class IngestRun {
  private readonly report = emptyReport();
  private readonly readers: readonly Reader[];
  private readonly filter: WorkspaceFilter | undefined;
  private readonly scope: string;
  private readonly files: Map<string, FileRecord>;
  private readonly index: Map<string, SessionIndexEntry>;
  private readonly keysByPath = new Map<string, Set<string>>();
  private readonly statuses = new Map<string, SessionStatus>();
  private units: SessionUnit[] = [];
  /** Units found in the workspace's own files (read only when the workspace is trusted). */
  private readonly workspaceBorne = new Set<string>();
  /** Sessions this run read from those files. */
  private readonly repositoryKeys = new Set<string>();

  constructor(
    private readonly store: StateStore,
    private readonly opts: IngestOptions,
  ) {
    this.readers = opts.readers ?? READERS;
    this.filter = opts.workspace !== undefined && !opts.allWorkspaces ? new WorkspaceFilter(opts.workspace) : undefined;
    this.scope = this.filter ? this.filter.folders[0]! : ALL_WORKSPACES;
    this.files = loadFileRecords(store);
    this.index = loadSessionIndex(store);
    for (const [key, entry] of this.index) this.keysOf(entry.path).add(key);
  }

  async collect(targets: readonly IngestTarget[]): Promise<void> {
    const seen = new Set<string>();
    for (const target of targets) {
      let found: SessionUnit[];
      if (typeof target === 'string') {
        const path = resolve(target);
        if (!existsSync(path)) {
          this.report.failed++;
          this.report.problems.push({ file: path, reason: 'no such file or folder' });
          continue;
        }
        found = await namedUnits(path, this.readers, this.report.problems);
      } else {
        found = await locationUnits(target, this.readers, this.report.problems);
      }
      for (const unit of found) {
        if (seen.has(unit.path) || this.isOwnFile(unit.path)) continue;
        seen.add(unit.path);
        if (isWorkspaceBorne(unit, this.opts.workspace)) {
          if (!this.opts.workspaceSessions) {
            this.report.workspaceFilesSkipped++;
            continue;
          }
          this.workspaceBorne.add(unit.path);
        }
        if (this.filter?.verdict(unit) !== 'no') this.units.push(unit);
      }
    }
    this.report.files.total = this.units.length;
  }

  /** The state file itself and its lock and temporary siblings, when a walked folder holds them. */
  private isOwnFile(path: string): boolean {
    return path === this.store.path || (path.startsWith(this.store.path) && /^[.-]/.test(path.slice(this.store.path.length)));
  }

  async readAll(): Promise<void> {
    for (const [i, unit] of this.units.entries()) {
      if (this.opts.signal?.aborted) {
        this.report.cancelled = true;
        break;
      }
      await this.ingestUnit(unit);
      this.opts.onProgress?.({ done: i + 1, total: this.units.length, path: unit.path });
    }
  }

  /**
   * Stored sessions (of the workspace) whose file is gone: reported as missing, and the file marked so the
   * pipeline no longer offers them. Their stored text, atoms and provenance stay as they are.
   */
  noteMissing(): void {
    if (this.report.cancelled) return;
    // a unit found by this run exists; only the paths it did not come across need a look
    const found = new Set(this.units.map((u) => u.path));
    const gone: Array<[string, string[]]> = [];
    for (const [path, keys] of this.keysByPath) {
      if (found.has(path)) continue;
      const shown = [...keys].filter((key) => this.accepts(this.index.get(key)?.workspace, 'unknown'));
      if (shown.length > 0 && !existsSync(path)) gone.push([path, shown]);
    }
    if (gone.length === 0) return;
    const now = new Date().toISOString();
    this.store.transaction(() => {
      for (const [path] of gone) if (this.files.get(path)?.status !== 'missing') markFileMissing(this.store, path, now);
    });
    for (const [path, keys] of gone) {
      const record = this.files.get(path);
      if (record) this.files.set(path, { ...record, status: 'missing' });
      for (const key of keys) this.mark(key, 'missing');
    }
  }

  finish(): IngestReport {
    const r = this.report;
    for (const [key, status] of this.statuses) {
      r.sessions.push(this.repositoryKeys.has(key) ? { key, status, origin: 'repository' } : { key, status });
      if (status !== 'kept') r[status]++;
    }
    return r;
  }

  private async ingestUnit(unit: SessionUnit): Promise<void> {
    const prior = this.files.get(unit.path);
    let fp: Fingerprint;
    try {
      fp = await fingerprintOf(unit);
    } catch (e) {
      this.fail(unit, prior, undefined, { kind: 'failed', reason: fsReason(e), problems: [] });
      return;
    }
    const verdict = this.filter?.verdict(unit) ?? 'unknown';
    // a file that was gone and is back is read again, so its sessions are current work again
    if (prior && prior.status !== 'missing' && sameFingerprint(prior.fingerprint, fp) && (prior.scope === ALL_WORKSPACES || prior.scope === this.scope)) {
      this.unchanged(unit, prior, verdict);
      return;
    }
    const read = await readUnit(unit, prior, fp, { readers: this.readers, loadState: (path) => loadReaderState(this.store, path) });
    if (read.kind === 'read') await this.storeReadOrFail(unit, prior, fp, verdict, read);
    else if (read.kind === 'failed') this.fail(unit, prior, fp, read);
    else this.save({ path: unit.path, source: read.reader?.source, format: read.reader?.format, fingerprint: fp, scope: ALL_WORKSPACES, status: 'ignored', error: read.reason });
  }

  /** Nothing to read: report what the last run found. */
  private unchanged(unit: SessionUnit, prior: FileRecord, verdict: LinkVerdict): void {
    if (prior.status === 'ok') this.markStored(unit.path, verdict, 'unchanged');
    else if (prior.status === 'failed') {
      this.report.failed++;
      this.report.problems.push({ file: unit.path, reason: `${prior.error ?? 'could not be read'} (unchanged since the last run)` });
      this.markStored(unit.path, verdict, 'kept');
    }
  }

  /** Gives the sessions stored from a file (those of the workspace) a status without reading it. */
  private markStored(path: string, verdict: LinkVerdict, status: SessionStatus): void {
    for (const key of this.keysByPath.get(path) ?? []) {
      if (this.accepts(this.index.get(key)?.workspace, verdict)) this.mark(key, status);
    }
  }

  /** A file whose sessions cannot be redacted or stored fails alone, named; the other files are still read. */
  private async storeReadOrFail(unit: SessionUnit, prior: FileRecord | undefined, fp: Fingerprint, verdict: LinkVerdict, read: UnitRead & { kind: 'read' }): Promise<void> {
    try {
      await this.storeRead(unit, fp, verdict, read);
    } catch (e) {
      const reason = `could not store its sessions: ${e instanceof Error ? e.message : String(e)}`;
      this.fail(unit, prior, fp, { kind: 'failed', reason, problems: [], reader: read.reader });
    }
  }

  private async storeRead(unit: SessionUnit, fp: Fingerprint, verdict: LinkVerdict, read: UnitRead & { kind: 'read' }): Promise<void> {
    this.report.files.read++;
    if (read.resumed) this.report.files.resumed++;
    this.problems(unit.path, read.problems);
    const fromRepository = this.workspaceBorne.has(unit.path);
    const kept = read.trajectories.filter((t) => this.accepts(t.workspace, verdict)).map((t): Trajectory => (fromRepository ? { ...t, origin: 'repository' } : t));
    const elsewhere = read.trajectories.length > 0 && kept.length === 0;
    const resumable = elsewhere ? undefined : this.cursorToKeep(fp, read.cursor);
    // the sessions and the reader state share most of their text: redacted together, each string once
    const redacted = redactTogether(kept, resumable ? [resumable.state] : []);
    const changes = redacted.trajectories.map((t) => this.prepare(t, unit.path));
    const cursor = resumable && { ...resumable, state: JSON.stringify(redacted.values[0]), checkHash: prefixCheck(unit.path, resumable.offset) };
    const record: FileRecord = {
      path: unit.path,
      source: read.reader.source,
      format: read.reader.format,
      readerKind: read.reader.kind,
      fingerprint: fp,
      offset: cursor?.offset ?? 0,
      line: cursor?.line ?? 0,
      checkHash: cursor?.checkHash,
      readerState: cursor?.state,
      scope: this.scope,
      status: elsewhere ? 'elsewhere' : 'ok',
    };
    const now = new Date().toISOString();
    this.store.transaction(() => {
      for (const c of changes) {
        // an unchanged session found in another file (a copy, a move) still records where it now is
        if (c.keepStored) continue;
        if (c.status !== 'unchanged' || c.storedPath !== unit.path) saveSession(this.store, c.trajectory, unit.path, c.json, c.hash, now);
      }
      saveFileRecord(this.store, record, now);
    });
    this.files.set(unit.path, record);
    for (const c of changes) {
      if (fromRepository) this.repositoryKeys.add(c.key);
      this.mark(c.key, c.status);
      if (!c.keepStored) this.remember(c.key, { hash: c.hash, path: unit.path, workspace: c.trajectory.workspace });
    }
  }

  /** A redacted session from the file at `path`, the key it is stored under, and whether the stored copy differs. */
  private prepare(read: Trajectory, path: string) {
    const trajectory = this.identify(read, path);
    const json = JSON.stringify(trajectory);
    const hash = createHash('sha256').update(json).digest('hex');
    const key = sessionKey(trajectory);
    const stored = this.index.get(key);
    const status: SessionStatus = !stored ? 'new' : stored.hash === hash ? 'unchanged' : 'updated';
    // a shorter copy of the stored session from another file (a truncated backup) never replaces the fuller one
    if (status === 'updated' && stored!.path !== path && !this.fuller(key, trajectory)) {
      return { key, trajectory, json, hash, status: 'unchanged' as SessionStatus, storedPath: stored!.path, keepStored: true };
    }
    return { key, trajectory, json, hash, status, storedPath: stored?.path, keepStored: false };
  }

  /**
   * A session's identity includes where it comes from. The same agent's session id read from another file
   * is the same session only when one copy's turns begin the other's (a move, a copy, a truncated backup,
   * a file that grew); otherwise it is another session that happens to share the id (two stores, a test
   * fixture) and is stored beside it, its id tagged with its file, instead of overwriting it.
   */
  private identify(t: Trajectory, path: string): Trajectory {
    const base = sessionKey(t);
    const stored = this.index.get(base);
    if (!stored || stored.path === path) return t;
    const tagged: Trajectory = { ...t, sessionId: `${t.sessionId}@${createHash('sha256').update(path).digest('hex').slice(0, 8)}` };
    if (this.index.get(sessionKey(tagged))?.path === path) return tagged;
    const before = loadTrajectory(this.store, base);
    return before && sameConversation(before, t) ? t : tagged;
  }

  /** Whether `t` holds more of the session than the copy stored under `key`. */
  private fuller(key: string, t: Trajectory): boolean {
    const before = loadTrajectory(this.store, key);
    return !before || t.turns.length > before.turns.length;
  }

  /** The reader state and where it stands, for a file that may still grow; undefined otherwise. */
  private cursorToKeep(fp: Fingerprint, cursor: JsonlCursor | undefined): JsonlCursor | undefined {
    if (!cursor) return undefined;
    const window = this.opts.resumeWindowMs ?? DEFAULT_RESUME_WINDOW_MS;
    return fp.mtimeMs < Date.now() - window ? undefined : cursor;
  }

  private fail(unit: SessionUnit, prior: FileRecord | undefined, fp: Fingerprint | undefined, read: UnitRead & { kind: 'failed' }): void {
    this.report.failed++;
    this.problems(unit.path, read.problems);
    const reason = redactText(read.reason);
    if (read.problems.length === 0) this.report.problems.push({ file: unit.path, reason });
    this.markStored(unit.path, this.filter?.verdict(unit) ?? 'unknown', 'kept');
    if (!fp) return; // gone: the record stays as it was
    this.save({
      path: unit.path,
      source: read.reader?.source ?? prior?.source,
      format: read.reader?.format ?? prior?.format,
      fingerprint: fp,
      scope: ALL_WORKSPACES,
      status: 'failed',
      error: reason,
    });
  }

  private save(record: Omit<FileRecord, 'offset' | 'line'>): void {
    const full: FileRecord = { offset: 0, line: 0, ...record };
    this.store.transaction(() => saveFileRecord(this.store, full, new Date().toISOString()));
    this.files.set(full.path, full);
  }

  private problems(file: string, problems: readonly ParseProblem[]): void {
    for (const p of problems.slice(0, PROBLEMS_PER_UNIT)) this.report.problems.push({ ...p, reason: redactText(p.reason) });
    if (problems.length > PROBLEMS_PER_UNIT) {
      this.report.problems.push({ file, reason: `${problems.length - PROBLEMS_PER_UNIT} more problems in this file` });
    }
  }

  private accepts(workspace: string | undefined, verdict: LinkVerdict): boolean {
    return this.filter ? this.filter.accepts(workspace, verdict) : true;
  }

  /** A session's status for this run; a change outranks an unchanged copy seen in another file. */
  private mark(key: string, status: SessionStatus): void {
    const current = this.statuses.get(key);
    if (current === undefined || current === 'unchanged' || current === 'kept') this.statuses.set(key, status);
  }

  private remember(key: string, entry: SessionIndexEntry): void {
    const before = this.index.get(key);
    if (before && before.path !== entry.path) this.keysByPath.get(before.path)?.delete(key);
    this.keysOf(entry.path).add(key);
    this.index.set(key, entry);
  }

  private keysOf(path: string): Set<string> {
    let keys = this.keysByPath.get(path);
    if (!keys) {
      keys = new Set();
      this.keysByPath.set(path, keys);
    }
    return keys;
  }
}

/** Two copies of one conversation: the shorter one's turns are the first turns of the longer one. */
function sameConversation(a: Trajectory, b: Trajectory): boolean {
  const [short, long] = a.turns.length <= b.turns.length ? [a, b] : [b, a];
  return short.turns.every((turn, i) => JSON.stringify(turn) === JSON.stringify(long.turns[i]));
}
