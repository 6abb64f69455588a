import type { Database, SqlJsStatic } from 'sql.js';
import { describeError } from '../errors';
import { APP_KEY, APP_NAME, VERSION_KEY } from './migrations';
import { allRows, firstRow } from './statements';

/** What a state file turned out to be. Only `ours` carries an open database. */
export type StateFileVerdict =
  | { kind: 'ours'; db: Database; version: number }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'foreign'; reason: string }
  | { kind: 'newer'; version: number };

const MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;

/**
 * Decides whether `bytes` is a Skillsmith state database we can use. A SQLite file without any table is
 * adopted as version 0 (nothing in it to lose); one with tables but no `meta` row naming Skillsmith is
 * foreign.
 */
export function inspectStateBytes(SQL: SqlJsStatic, bytes: Uint8Array, latest: number): StateFileVerdict {
  const headerProblem = checkHeader(bytes);
  if (headerProblem) return { kind: 'corrupt', reason: headerProblem };
  let db: Database | undefined;
  try {
    db = new SQL.Database(bytes);
    const verdict = inspectDatabase(db, latest);
    if (verdict.kind === 'ours') db = undefined; // handed over to the caller
    return verdict;
  } catch (e) {
    return { kind: 'corrupt', reason: `is damaged (${describeError(e)})` };
  } finally {
    db?.close();
  }
}

function checkHeader(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'is empty';
  if (bytes.length < HEADER_BYTES || Buffer.from(bytes.subarray(0, MAGIC.length)).toString('latin1') !== MAGIC) {
    return 'is not a SQLite database';
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = view.getUint32(28);
  // The header's page count is only authoritative while its "valid-for" stamp matches the change counter.
  const countIsValid = pageCount > 0 && view.getUint32(24) === view.getUint32(92);
  if (countIsValid && bytes.length < pageSize * pageCount) {
    return `is truncated (${bytes.length} bytes, its header promises ${pageSize * pageCount})`;
  }
  return undefined;
}

function inspectDatabase(db: Database, latest: number): StateFileVerdict {
  const check = allRows<{ quick_check: string }>(db, 'PRAGMA quick_check').map((r) => String(r.quick_check));
  if (check.length !== 1 || check[0] !== 'ok') {
    return { kind: 'corrupt', reason: `fails SQLite's integrity check (${firstProblem(check)})` };
  }
  const tables = allRows<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((r) => r.name);
  if (tables.length === 0) return { kind: 'ours', db, version: 0 };
  const foreign = { kind: 'foreign', reason: `is a SQLite database Skillsmith did not create (tables: ${listNames(tables)})` } as const;
  if (!tables.includes('meta')) return foreign;
  const app = metaValue(db, APP_KEY);
  if (app !== APP_NAME) return foreign;
  const rawVersion = metaValue(db, VERSION_KEY);
  const version = Number(rawVersion);
  if (!Number.isSafeInteger(version) || version < 0) {
    return { kind: 'corrupt', reason: `has an unreadable schema version (${JSON.stringify(rawVersion ?? null)})` };
  }
  if (version > latest) return { kind: 'newer', version };
  return { kind: 'ours', db, version };
}

// A foreign `meta` table may have other columns; that makes it foreign, not broken.
function metaValue(db: Database, key: string): string | undefined {
  try {
    const row = firstRow<{ value: unknown }>(db, 'SELECT value FROM meta WHERE key = ?', [key]);
    return row === undefined ? undefined : String(row.value);
  } catch {
    return undefined;
  }
}

// SQLite lists every problem, over several lines; one is enough to say why.
function firstProblem(report: string[]): string {
  const lines = report.flatMap((r) => r.split('\n')).map((l) => l.trim()).filter((l) => l && !l.startsWith('***'));
  if (lines.length === 0) return 'no details';
  return lines.length === 1 ? lines[0] : `${lines[0]}; ${lines.length - 1} more problem(s)`;
}

function listNames(names: string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')}, …` : names.join(', ');
}
