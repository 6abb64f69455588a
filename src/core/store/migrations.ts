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
  {
    version: 5,
    name: 'installs, skill uses, hand edits',
    // where each skill version is installed and what was written there (src/core/skills/install/records.ts),
    // which skills and versions each atom loaded (src/core/evolve/attribution/store.ts), and the versions that
    // are a user's hand edit (src/core/evolve/hand-edits/store.ts)
    up: `
      CREATE TABLE skill_installs (
        path TEXT PRIMARY KEY NOT NULL,
        skill TEXT NOT NULL,
        version TEXT NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        agent TEXT NOT NULL,
        scope TEXT NOT NULL,
        workspace TEXT,
        method TEXT NOT NULL,
        source TEXT NOT NULL,
        install_id TEXT NOT NULL,
        files TEXT NOT NULL,
        note TEXT,
        installed_at TEXT NOT NULL
      );
      CREATE INDEX skill_installs_by_skill ON skill_installs (skill);
      CREATE TABLE skill_uses (
        atom_id TEXT NOT NULL,
        session_key TEXT NOT NULL,
        skill TEXT NOT NULL,
        version TEXT,
        evidence TEXT NOT NULL,
        PRIMARY KEY (atom_id, skill)
      );
      CREATE INDEX skill_uses_by_skill ON skill_uses (skill, version);
      CREATE INDEX skill_uses_by_session ON skill_uses (session_key);
      CREATE TABLE hand_edits (
        skill TEXT NOT NULL,
        version TEXT NOT NULL,
        base_version TEXT,
        path TEXT NOT NULL,
        committed_at TEXT NOT NULL,
        PRIMARY KEY (skill, version)
      );
      CREATE INDEX hand_edits_by_time ON hand_edits (committed_at);
    `,
  },
  {
    version: 6,
    name: 'outcomes and canaries',
    // how each atom that used a skill went (src/core/evolve/outcome/store.ts), and the canaries: the versions
    // compared, the plan, each session's recorded arm and outcome, and every look the gate took
    // (src/core/evolve/canary/store.ts)
    up: `
      CREATE TABLE atom_outcomes (
        atom_id TEXT NOT NULL,
        skill TEXT NOT NULL,
        session_key TEXT NOT NULL,
        atom_turn_end INTEGER NOT NULL,
        version TEXT,
        outcome TEXT NOT NULL,
        rule TEXT NOT NULL,
        signals TEXT NOT NULL,
        judge_score INTEGER,
        judge_reason TEXT,
        judge_model TEXT,
        judge_error TEXT,
        scored_at TEXT NOT NULL,
        PRIMARY KEY (atom_id, skill)
      );
      CREATE INDEX atom_outcomes_by_session ON atom_outcomes (session_key, skill);
      CREATE TABLE canaries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        skill TEXT NOT NULL,
        current_version TEXT NOT NULL,
        candidate_version TEXT NOT NULL,
        share REAL NOT NULL,
        plan TEXT NOT NULL,
        started_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        state TEXT NOT NULL,
        ended_at TEXT,
        reason TEXT,
        result_version TEXT
      );
      CREATE UNIQUE INDEX canaries_one_running ON canaries (skill) WHERE state = 'running';
      CREATE TABLE canary_assignments (
        canary_id INTEGER NOT NULL,
        session_key TEXT NOT NULL,
        arm TEXT NOT NULL CHECK (arm IN ('current', 'candidate')),
        version TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('served', 'observed')),
        assigned_at TEXT NOT NULL,
        outcome TEXT CHECK (outcome IN ('success', 'failure')),
        sample_seq INTEGER,
        PRIMARY KEY (canary_id, session_key)
      );
      CREATE TABLE canary_looks (
        canary_id INTEGER NOT NULL,
        look INTEGER NOT NULL,
        per_arm INTEGER NOT NULL,
        current_successes INTEGER NOT NULL,
        candidate_successes INTEGER NOT NULL,
        p_better REAL NOT NULL,
        decision TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        PRIMARY KEY (canary_id, look)
      );
    `,
  },
  {
    version: 7,
    name: 'skill trust, quarantine, embedding cache',
    // successes and failures per skill version and the level they (or a person) set
    // (src/core/match/trust/trust-store.ts), versions the injection scanner quarantined
    // (src/core/skills/scan/quarantine.ts), and skill embeddings keyed by the hash of the text embedded
    // (src/core/match/embeddings/cache.ts)
    up: `
      CREATE TABLE skill_outcomes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        skill TEXT NOT NULL,
        version TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
        source TEXT NOT NULL,
        session_key TEXT,
        kind TEXT,
        reason TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX skill_outcomes_by_version ON skill_outcomes (skill, version);
      CREATE UNIQUE INDEX skill_outcomes_once_per_session ON skill_outcomes (skill, version, session_key) WHERE session_key IS NOT NULL;
      CREATE TABLE skill_trust (
        skill TEXT NOT NULL,
        version TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('trusted', 'verified', 'quarantined', 'blocked')),
        set_by TEXT NOT NULL CHECK (set_by IN ('rules', 'manual')),
        reason TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (skill, version)
      );
      CREATE TABLE skill_quarantine (
        skill TEXT NOT NULL,
        version TEXT NOT NULL,
        reason TEXT NOT NULL,
        findings TEXT NOT NULL,
        content TEXT,
        created_at TEXT NOT NULL,
        released_at TEXT,
        release_reason TEXT,
        PRIMARY KEY (skill, version)
      );
      CREATE TABLE skill_embeddings (
        key TEXT PRIMARY KEY NOT NULL,
        model TEXT NOT NULL,
        dims INTEGER NOT NULL,
        vector BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: 'declined proposal groups',
    // candidate groups the model judged not to be a skill, with the atoms and sessions it saw, so the same
    // group is not asked about again (src/core/distill/pipeline/state.ts, src/core/distill/declines.ts)
    up: `
      CREATE TABLE declined_groups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        reason TEXT NOT NULL,
        declined_by TEXT NOT NULL,
        declined_at TEXT NOT NULL
      );
      CREATE TABLE declined_group_atoms (
        group_id INTEGER NOT NULL,
        atom_id TEXT NOT NULL,
        session_key TEXT NOT NULL,
        PRIMARY KEY (group_id, atom_id)
      );
    `,
  },
  {
    version: 9,
    name: 'sessions: identity includes the source file',
    // Before, a session id read from a second file replaced the stored session (a truncated copy over the
    // fuller one, another store's session over this one), and the file it came from was then "unchanged"
    // for ever. Files that no stored session points at any more are read again in full on the next ingest,
    // which now keeps the fuller copy and stores sessions that only share an id side by side
    // (src/core/ingest/ingest.ts). Nothing stored is removed.
    up: (db) => {
      db.run(
        `UPDATE ingest_files SET size = -1, byte_offset = 0, line = 0, check_hash = NULL, reader_state = NULL
         WHERE status = 'ok' AND path NOT IN (SELECT path FROM sessions)`,
      );
    },
  },
  {
    version: 10,
    name: 'hindsight checks of candidates',
    // the hindsight gate's verdict per candidate version: both versions' scores on recent sessions, and
    // whether the candidate went into a canary or waits for review (src/core/evolve/canary/hindsight-checks.ts)
    up: `
      CREATE TABLE hindsight_checks (
        skill TEXT NOT NULL,
        candidate_version TEXT NOT NULL,
        current_version TEXT NOT NULL,
        current_score REAL NOT NULL,
        candidate_score REAL NOT NULL,
        requests INTEGER NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('passed', 'held')),
        reason TEXT NOT NULL,
        checked_at TEXT NOT NULL,
        PRIMARY KEY (skill, candidate_version)
      );
    `,
  },
];
