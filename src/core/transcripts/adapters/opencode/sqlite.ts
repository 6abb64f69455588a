import type { Database } from 'sql.js';
import type { ParseOutput, ParseProblem, WholeReader } from '../../adapter';
import type { Trajectory } from '../../model';
import { readSqliteSnapshot } from '../../../store/sqlite-snapshot';
import { asNonEmpty, asNumber, type JsonObject } from '../../values';
import { jsonObject } from '../common/values';
import { isSubAgent, openCodeTrajectory, type OpenCodeMessage, type OpenCodeSession } from './session';

/**
 * OpenCode ≥ 1.2: `~/.local/share/opencode/opencode.db` (drizzle, WAL), read from a snapshot copy.
 * Columns differ between versions, so only columns the table actually has are selected; the share table
 * (which holds share secrets) is never touched.
 */
const FORMAT = 'opencode-sqlite';

export const openCodeSqliteReader: WholeReader = {
  kind: 'whole',
  source: 'opencode',
  format: FORMAT,
  sniff(_path, head) {
    if (!head?.startsWith('SQLite format 3')) return false;
    return /CREATE TABLE\s+[`"]?session[`"]?\s*\(/.test(head) && /CREATE TABLE\s+[`"]?part[`"]?\s*\(/.test(head) && head.includes('message_id');
  },
  async read(path): Promise<ParseOutput> {
    return readSqliteSnapshot(path, (db) => readStore(db, path));
  },
};

function readStore(db: Database, path: string): ParseOutput {
  const problems: ParseProblem[] = [];
  const parse = (text: unknown, at: string): JsonObject | undefined => {
    const v = jsonObject(text);
    if (v) return v;
    problems.push({ file: path, at, reason: 'data is not a JSON object' });
    return undefined;
  };
  const worktrees = new Map(rows(db, 'project', ['id', 'worktree']).map((r) => [String(r.id), asNonEmpty(r.worktree)]));
  const sessions = rows(db, 'session', ['id', 'project_id', 'parent_id', 'directory', 'title', 'time_created', 'time_updated']).map(
    (r): OpenCodeSession => ({
      id: String(r.id),
      title: asNonEmpty(r.title),
      directory: asNonEmpty(r.directory),
      worktree: worktrees.get(String(r.project_id)),
      parentId: asNonEmpty(r.parent_id),
      timeCreated: asNumber(r.time_created),
      timeUpdated: asNumber(r.time_updated),
    }),
  );
  const messages = messagesBySession(db, parse);
  const known = new Set(sessions.map((s) => s.id));
  const trajectories: Trajectory[] = [];
  for (const session of sessions) {
    if (isSubAgent(session, known)) continue;
    const t = openCodeTrajectory(session, messages.get(session.id) ?? [], FORMAT);
    if (t) trajectories.push(t);
  }
  return { trajectories, problems };
}

function messagesBySession(db: Database, parse: (text: unknown, at: string) => JsonObject | undefined): Map<string, OpenCodeMessage[]> {
  const parts = new Map<string, JsonObject[]>();
  for (const r of rows(db, 'part', ['id', 'message_id', 'data'], 'message_id, id')) {
    const data = parse(r.data, `part ${r.id}`);
    if (!data) continue;
    const list = parts.get(String(r.message_id)) ?? [];
    list.push(data);
    parts.set(String(r.message_id), list);
  }
  const out = new Map<string, OpenCodeMessage[]>();
  for (const r of rows(db, 'message', ['id', 'session_id', 'time_created', 'data'], 'time_created, id')) {
    const data = parse(r.data, `message ${r.id}`);
    if (!data) continue;
    const list = out.get(String(r.session_id)) ?? [];
    list.push({ id: String(r.id), data, timeCreated: asNumber(r.time_created), parts: parts.get(String(r.id)) ?? [] });
    out.set(String(r.session_id), list);
  }
  return out;
}

/** The wanted columns the table has, as objects; nothing when the table is missing. */
function rows(db: Database, table: string, wanted: string[], orderBy?: string): Record<string, unknown>[] {
  const present = new Set((db.exec(`PRAGMA table_info(${table})`)[0]?.values ?? []).map((row) => String(row[1])));
  const columns = wanted.filter((c) => present.has(c));
  if (!columns.includes('id')) return [];
  const order = orderBy && orderBy.split(',').every((c) => present.has(c.trim())) ? ` ORDER BY ${orderBy}` : '';
  const result = db.exec(`SELECT ${columns.join(', ')} FROM ${table}${order}`)[0];
  return (result?.values ?? []).map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i]])));
}
