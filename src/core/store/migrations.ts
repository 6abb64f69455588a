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
];
