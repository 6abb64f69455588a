/** Incremental, redacted ingest of agent sessions into the state store. */
export { DEFAULT_RESUME_WINDOW_MS, ingest, INGEST_WRITE_DELAY_MS, type IngestOptions, type IngestTarget } from './ingest';
export type { IngestProgress, IngestReport, SessionStatus } from './report';
export { listSessions, loadTrajectory, sessionKey, type SessionFilter, type StoredSession } from './sessions';
