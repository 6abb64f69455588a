import { isWithin } from '../transcripts/discovery/workspace';
import type { Trajectory } from '../transcripts/model';
import type { SqlRunner } from '../store/statements';
import { utf8Bytes, utf8Text } from './utf8';

/** A stored session: everything but the trajectory itself (load that with `loadTrajectory`). */
export interface StoredSession {
  /** `<source>:<sessionId>` */
  key: string;
  source: string;
  format: string;
  sessionId: string;
  /** The file or store it was read from. */
  path: string;
  workspace?: string;
  title?: string;
  model?: string;
  startedAt?: string;
  endedAt?: string;
  turns: number;
  userTurns: number;
  toolCalls: number;
  /** sha256 of the stored (redacted) trajectory JSON. */
  contentHash: string;
  /** When the ingest last stored a changed version (ISO 8601). */
  updatedAt: string;
  /**
   * Its file was gone at the last ingest: the stored text stays (skills' provenance points at it), but it
   * is no longer new work for the pipeline.
   */
  missing?: true;
}

export interface SessionFilter {
  /** Only sessions that ran in this folder or inside it. */
  workspace?: string;
  /** Leave out sessions whose file was gone at the last ingest (for finding new work; lookups keep them). */
  skipMissing?: boolean;
}

const COLUMNS = `key, source, format, session_id, path, workspace, title, model, started_at, ended_at, turns, user_turns,
  tool_calls, content_hash, updated_at`;

interface SessionRow {
  key: string;
  source: string;
  format: string;
  session_id: string;
  path: string;
  workspace: string | null;
  title: string | null;
  model: string | null;
  started_at: string | null;
  ended_at: string | null;
  turns: number;
  user_turns: number;
  tool_calls: number;
  content_hash: string;
  updated_at: string;
  missing: number;
}

/** Stored sessions, oldest first (by start time, then key). */
export function listSessions(db: SqlRunner, filter: SessionFilter = {}): StoredSession[] {
  const rows = db.all<SessionRow>(
    `SELECT ${COLUMNS}, EXISTS (SELECT 1 FROM ingest_files f WHERE f.path = sessions.path AND f.status = 'missing') AS missing
       FROM sessions ORDER BY started_at IS NULL, started_at, key`,
  );
  const sessions = rows.map(fromRow).filter((s) => !(filter.skipMissing && s.missing));
  const folder = filter.workspace;
  return folder === undefined ? sessions : sessions.filter((s) => s.workspace !== undefined && isWithin(s.workspace, folder));
}

/** The stored (redacted) trajectory of a session, or undefined when there is no such session. */
export function loadTrajectory(db: SqlRunner, key: string): Trajectory | undefined {
  const row = db.get<{ trajectory: unknown }>('SELECT trajectory FROM sessions WHERE key = ?', [key]);
  return row ? (JSON.parse(utf8Text(row.trajectory)) as Trajectory) : undefined;
}

export function sessionKey(t: Pick<Trajectory, 'source' | 'sessionId'>): string {
  return `${t.source}:${t.sessionId}`;
}

/** What the ingest needs to know of a stored session to tell new, changed and unchanged apart. */
export interface SessionIndexEntry {
  hash: string;
  path: string;
  workspace?: string;
}

export function loadSessionIndex(db: SqlRunner): Map<string, SessionIndexEntry> {
  const rows = db.all<{ key: string; content_hash: string; path: string; workspace: string | null }>(
    'SELECT key, content_hash, path, workspace FROM sessions',
  );
  return new Map(rows.map((r) => [r.key, { hash: r.content_hash, path: r.path, workspace: r.workspace ?? undefined }]));
}

/** Stores a redacted trajectory; `json` is its serialization and `hash` the hash of that. */
export function saveSession(db: SqlRunner, t: Trajectory, path: string, json: string, hash: string, now: string): void {
  // the key is the trajectory's own (source and session id): ingest gives a session that only shares its id
  // with another file's a distinct id (see IngestRun.identify in ingest.ts)
  const userTurns = t.turns.filter((turn) => turn.role === 'user').length;
  const toolCalls = t.turns.reduce((n, turn) => n + turn.toolCalls.length, 0);
  db.run(
    // every column is given, so a replace is an upsert (and a short statement is quicker for sql.js to prepare)
    `INSERT OR REPLACE INTO sessions (key, source, format, session_id, path, workspace, title, model, started_at, ended_at,
       turns, user_turns, tool_calls, content_hash, trajectory, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      sessionKey(t),
      t.source,
      t.format,
      t.sessionId,
      path,
      t.workspace ?? null,
      t.title ?? null,
      t.model ?? null,
      t.startedAt ?? null,
      t.endedAt ?? null,
      t.turns.length,
      userTurns,
      toolCalls,
      hash,
      utf8Bytes(json),
      now,
    ],
  );
}

function fromRow(r: SessionRow): StoredSession {
  const s: StoredSession = {
    key: r.key,
    source: r.source,
    format: r.format,
    sessionId: r.session_id,
    path: r.path,
    turns: Number(r.turns),
    userTurns: Number(r.user_turns),
    toolCalls: Number(r.tool_calls),
    contentHash: r.content_hash,
    updatedAt: r.updated_at,
  };
  if (r.workspace !== null) s.workspace = r.workspace;
  if (r.title !== null) s.title = r.title;
  if (r.model !== null) s.model = r.model;
  if (r.started_at !== null) s.startedAt = r.started_at;
  if (r.ended_at !== null) s.endedAt = r.ended_at;
  if (Number(r.missing) === 1) s.missing = true;
  return s;
}
