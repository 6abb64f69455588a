import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import { loadSqlJs } from '../../../src/core/store/sqljs';

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'skillsmith-store-'));
}

/** Opens the file on disk independently of the store, to see what a crash right now would leave. */
export async function readDiskDb(path: string): Promise<Database> {
  const SQL = await loadSqlJs();
  return new SQL.Database(readFileSync(path));
}

export async function diskRows<T>(path: string, sql: string): Promise<T[]> {
  const db = await readDiskDb(path);
  try {
    const stmt = db.prepare(sql);
    const rows: T[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject() as T);
    stmt.free();
    return rows;
  } finally {
    db.close();
  }
}

/** A real SQLite file with some tables and rows, as bytes. */
export async function sqliteBytes(statements: string): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec(statements);
  const bytes = db.export();
  db.close();
  return bytes;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
