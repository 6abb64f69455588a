import type { BindParams, Database } from 'sql.js';

/** Positional (`?`) or named (`:name`, `$name`, `@name`) parameters. */
export type SqlParams = BindParams;

/** The query surface shared by the store and by migrations that need more than plain SQL. */
export interface SqlRunner {
  run(sql: string, params?: SqlParams): void;
  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): T[];
  get<T = Record<string, unknown>>(sql: string, params?: SqlParams): T | undefined;
}

/** Runs a statement; with parameters only the first statement of `sql` runs, without them all do. */
export function runStatement(db: Database, sql: string, params?: SqlParams): void {
  db.run(sql, params);
}

export function allRows<T>(db: Database, sql: string, params?: SqlParams): T[] {
  const stmt = db.prepare(sql);
  try {
    if (params !== undefined) stmt.bind(params);
    const rows: T[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject() as T);
    return rows;
  } finally {
    stmt.free();
  }
}

export function firstRow<T>(db: Database, sql: string, params?: SqlParams): T | undefined {
  const stmt = db.prepare(sql);
  try {
    if (params !== undefined) stmt.bind(params);
    return stmt.step() ? (stmt.getAsObject() as T) : undefined;
  } finally {
    stmt.free();
  }
}

/** A runner bound to one database, for migrations. */
export function runnerFor(db: Database): SqlRunner {
  return {
    run: (sql, params) => runStatement(db, sql, params),
    all: <T>(sql: string, params?: SqlParams) => allRows<T>(db, sql, params),
    get: <T>(sql: string, params?: SqlParams) => firstRow<T>(db, sql, params),
  };
}
