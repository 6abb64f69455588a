import type { SqlRunner } from './statements';

/**
 * One step of the state schema. `up` is SQL (any number of statements) or, for data reshaping, a function
 * over the database. It runs inside a transaction with the version bump, so a step is all or nothing.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string | ((db: SqlRunner) => void);
}

/** The row in `meta` that marks a SQLite file as a Skillsmith state store. */
export const APP_KEY = 'app';
export const APP_NAME = 'skillsmith';
export const VERSION_KEY = 'schema_version';

/**
 * The state schema, oldest first. Every open applies the entries newer than the version recorded in the
 * file, in order.
 *
 * To add tables: append `{ version: <last + 1>, name: 'what it adds', up: `CREATE TABLE ...` }` at the
 * end. Never edit, reorder or delete an entry that has shipped: files out there already ran it.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'store bookkeeping',
    up: `
      CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
      INSERT INTO meta (key, value) VALUES ('${APP_KEY}', '${APP_NAME}');
      INSERT INTO meta (key, value) VALUES ('${VERSION_KEY}', '0');
      INSERT INTO meta (key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    `,
  },
  {
    version: 2,
    name: 'ingest: files and sessions',
    // what the ingest read from each session file and where it stopped (src/core/ingest/files.ts), and the
    // redacted sessions it produced (src/core/ingest/sessions.ts)
    up: `
      CREATE TABLE ingest_files (
        path TEXT PRIMARY KEY NOT NULL,
        source TEXT,
        format TEXT,
        reader_kind TEXT,
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        inode TEXT NOT NULL,
        extra TEXT NOT NULL,
        byte_offset INTEGER NOT NULL DEFAULT 0,
        line INTEGER NOT NULL DEFAULT 0,
        check_hash TEXT,
        reader_state TEXT,
        scope TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        key TEXT PRIMARY KEY NOT NULL,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        session_id TEXT NOT NULL,
        path TEXT NOT NULL,
        workspace TEXT,
        title TEXT,
        model TEXT,
        started_at TEXT,
        ended_at TEXT,
        turns INTEGER NOT NULL,
        user_turns INTEGER NOT NULL,
        tool_calls INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        trajectory TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX sessions_by_path ON sessions (path);
      CREATE INDEX sessions_by_workspace ON sessions (workspace);
    `,
  },
  {
    version: 3,
    name: 'token ledger',
    // one row per UTC day, pipeline stage and model; calls add to it (see src/core/llm/store-ledger.ts)
    up: `
      CREATE TABLE token_ledger (
        day TEXT NOT NULL,
        stage TEXT NOT NULL,
        model TEXT NOT NULL,
        input_tokens INTEGER NOT NULL DEFAULT 0,
        output_tokens INTEGER NOT NULL DEFAULT 0,
        calls INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, stage, model)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'distillation pipeline',
    // per-session stage, atoms, evidence per skill and the provenance of written versions
    // (src/core/distill/pipeline/state.ts)
    up: `
  CREATE TABLE distill_sessions (
    session_key TEXT PRIMARY KEY NOT NULL,
    stage TEXT NOT NULL,
    split_turns INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE atoms (
    id TEXT PRIMARY KEY NOT NULL,
    session_key TEXT NOT NULL,
    turn_start INTEGER NOT NULL,
    turn_end INTEGER NOT NULL,
    data TEXT NOT NULL,
    routed INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX atoms_by_session ON atoms (session_key, turn_start);
  CREATE TABLE evidence (
    atom_id TEXT NOT NULL,
    skill TEXT NOT NULL,
    weight REAL NOT NULL,
    kind TEXT NOT NULL,
    consumed_by TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (atom_id, skill)
  );
  CREATE TABLE provenance (
    skill TEXT NOT NULL,
    version TEXT NOT NULL,
    atom_id TEXT NOT NULL,
    session_key TEXT NOT NULL,
    PRIMARY KEY (skill, version, atom_id)
  );
`,
  },
];
