import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database, Statement } from 'sql.js';
import type { ParseOutput, ParseProblem, WholeReader } from '../../adapter';
import type { Trajectory } from '../../model';
import { readSqliteSnapshot } from '../../../store/sqlite-snapshot';
import { asNonEmpty, isObject, type JsonObject } from '../../values';
import { workspaceFromStorage } from '../../vscodeWorkspace';
import { jsonObject, objects } from '../common/values';
import { composerTrajectory, composerWorkspace, composerWorkspaceId, type Composer } from './composer';
import { legacyChatTrajectories } from './legacy-chat';

/**
 * Cursor's `state.vscdb` stores, read from a snapshot copy. The global one (`globalStorage/`) holds every
 * composer in table `cursorDiskKV`; a workspace one (`workspaceStorage/<id>/`) holds the legacy chat panel
 * and, in old builds, inline composers in `ItemTable`. These stores also hold auth tokens, encryption keys
 * and `secret://` entries, so rows are only ever selected by the exact keys or key prefixes named below.
 */
const FORMAT = 'cursor-state-vscdb';
const COMPOSER_PREFIX = 'composerData:';
const ITEM_KEYS = {
  composerIndex: 'composer.composerData',
  composerHeaders: 'composer.composerHeaders',
  legacyChat: 'workbench.panel.aichat.view.aichat.chatdata',
} as const;

export const cursorStateDbReader: WholeReader = {
  kind: 'whole',
  source: 'cursor',
  format: FORMAT,
  sniff(path, head) {
    if (basename(path) !== 'state.vscdb' || !head?.startsWith('SQLite format 3')) return false;
    return head.includes('cursorDiskKV') || /[\\/]cursor[\\/]/i.test(path);
  },
  async read(path): Promise<ParseOutput> {
    const store = await readSqliteSnapshot(path, (db) => extract(db, path));
    const trajectories: Trajectory[] = [];
    if (store.composers.length > 0) {
      const locate = await workspaceLocator(path, store);
      for (const composer of store.composers) {
        composer.workspace = composerWorkspace(composer.data) ?? locate(composer);
        const t = composerTrajectory(composer);
        if (t) trajectories.push(t);
      }
    }
    const own = workspaceFromStorage(path, 1);
    if (store.legacyChat) trajectories.push(...legacyChatTrajectories(store.legacyChat, own));
    const seen = new Set(store.composers.map((c) => c.composerId));
    for (const data of store.inlineComposers) {
      const composerId = asNonEmpty(data.composerId);
      if (!composerId || seen.has(composerId)) continue;
      const t = composerTrajectory({ composerId, data, bubbles: new Map(), workspace: own });
      if (t) trajectories.push(t);
    }
    return { trajectories, problems: store.problems };
  },
};

interface StoreContents {
  composers: Composer[];
  /** composerId → workspace storage id, from the global composer headers. */
  headerWorkspaceIds: Map<string, string>;
  legacyChat?: JsonObject;
  inlineComposers: JsonObject[];
  problems: ParseProblem[];
}

function extract(db: Database, path: string): StoreContents {
  const tables = new Set(column(db, "SELECT name FROM sqlite_master WHERE type = 'table'"));
  const out: StoreContents = { composers: [], headerWorkspaceIds: new Map(), inlineComposers: [], problems: [] };
  const parse = (text: unknown, at: string): JsonObject | undefined => {
    const value = jsonObject(text);
    if (value) return value;
    out.problems.push({ file: path, at: `record ${at}`, reason: 'value is not a JSON object' });
    return undefined;
  };
  if (tables.has('cursorDiskKV')) out.composers = readComposers(db, parse);
  if (tables.has('ItemTable')) {
    const index = itemValue(db, ITEM_KEYS.composerIndex, parse);
    out.inlineComposers = objects(index?.allComposers).filter((c) => Array.isArray(c.conversation) && c.conversation.length > 0);
    out.legacyChat = itemValue(db, ITEM_KEYS.legacyChat, parse);
    const headers = itemValue(db, ITEM_KEYS.composerHeaders, parse);
    for (const h of objects(headers?.allComposers)) {
      const id = asNonEmpty(h.composerId);
      const ws = asNonEmpty(h.workspaceId) ?? (isObject(h.workspaceIdentifier) ? asNonEmpty(h.workspaceIdentifier.id) : undefined);
      if (id && ws) out.headerWorkspaceIds.set(id, ws);
    }
  }
  return out;
}

function readComposers(db: Database, parse: (text: unknown, at: string) => JsonObject | undefined): Composer[] {
  const range = db.prepare('SELECT key, value FROM cursorDiskKV WHERE key >= ? AND key < ? ORDER BY key');
  try {
    const composers: Composer[] = [];
    for (const [key, value] of prefixRows(range, COMPOSER_PREFIX)) {
      const composerId = key.slice(COMPOSER_PREFIX.length);
      const data = parse(value, key);
      if (!data) continue;
      const bubblePrefix = `bubbleId:${composerId}:`;
      const bubbles = new Map<string, JsonObject>();
      for (const [bubbleKey, bubbleValue] of prefixRows(range, bubblePrefix)) {
        const bubble = parse(bubbleValue, bubbleKey);
        if (bubble) bubbles.set(bubbleKey.slice(bubblePrefix.length), bubble);
      }
      composers.push({ composerId, data, bubbles });
    }
    return composers;
  } finally {
    range.free();
  }
}

/** Rows whose key starts with `prefix`, as a key range so the unique index on `key` serves it. */
function prefixRows(range: Statement, prefix: string): [string, unknown][] {
  const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  const rows: [string, unknown][] = [];
  range.bind([prefix, upper]);
  while (range.step()) {
    const [key, value] = range.get();
    if (typeof key === 'string') rows.push([key, value]);
  }
  range.reset();
  return rows;
}

function itemValue(
  db: Database,
  key: string,
  parse: (text: unknown, at: string) => JsonObject | undefined,
): JsonObject | undefined {
  const stmt = db.prepare('SELECT value FROM ItemTable WHERE key = ?');
  try {
    stmt.bind([key]);
    return stmt.step() ? parse(stmt.get()[0], key) : undefined;
  } finally {
    stmt.free();
  }
}

function column(db: Database, sql: string): string[] {
  return (db.exec(sql)[0]?.values ?? []).map((row) => String(row[0]));
}

/**
 * Finds a composer's folder when the composer does not record it: through the workspace storage id
 * (its own or from the headers), or through the workspace stores that list it. Only a global store
 * (`User/globalStorage/state.vscdb`) has workspace stores beside it.
 */
async function workspaceLocator(path: string, store: StoreContents): Promise<(c: Composer) => string | undefined> {
  if (basename(dirname(path)) !== 'globalStorage') return () => undefined;
  const storageRoot = join(dirname(dirname(path)), 'workspaceStorage');
  const byStorageId = (id: string | undefined) => (id ? workspaceFromStorage(join(storageRoot, id, 'state.vscdb'), 1) : undefined);
  const needsIndex = store.composers.some(
    (c) => !composerWorkspace(c.data) && !byStorageId(composerWorkspaceId(c.data) ?? store.headerWorkspaceIds.get(c.composerId)),
  );
  const listed = needsIndex ? await composersListedByWorkspaces(storageRoot) : new Map<string, string>();
  return (c) =>
    byStorageId(composerWorkspaceId(c.data) ?? store.headerWorkspaceIds.get(c.composerId)) ?? listed.get(c.composerId);
}

/** composerId → folder, from each workspace store's `composer.composerData` index. */
async function composersListedByWorkspaces(storageRoot: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!existsSync(storageRoot)) return out;
  for (const id of readdirSync(storageRoot)) {
    const dir = join(storageRoot, id);
    const folder = workspaceFromStorage(join(dir, 'state.vscdb'), 1);
    if (!folder || !existsSync(join(dir, 'state.vscdb'))) continue;
    let ids: string[] = [];
    try {
      ids = await readSqliteSnapshot(join(dir, 'state.vscdb'), (db) => listedComposerIds(db));
    } catch {
      continue; // an unreadable workspace store only costs us the folder of its composers
    }
    for (const cid of ids) if (!out.has(cid)) out.set(cid, folder);
  }
  return out;
}

function listedComposerIds(db: Database): string[] {
  const tables = new Set(column(db, "SELECT name FROM sqlite_master WHERE type = 'table'"));
  if (!tables.has('ItemTable')) return [];
  const index = parseItem(db, ITEM_KEYS.composerIndex);
  const fromAll = objects(index?.allComposers).map((c) => asNonEmpty(c.composerId));
  const selected = Array.isArray(index?.selectedComposerIds) ? index.selectedComposerIds : [];
  return [...fromAll, ...selected].filter((id): id is string => typeof id === 'string' && id.length > 0);
}

function parseItem(db: Database, key: string): JsonObject | undefined {
  return itemValue(db, key, jsonObject);
}
