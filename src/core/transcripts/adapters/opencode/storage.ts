import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ParseOutput, ParseProblem, WholeReader } from '../../adapter';
import type { Trajectory } from '../../model';
import { asNonEmpty, asNumber, isObject, type JsonObject } from '../../values';
import { jsonObject } from '../common/values';
import { isSubAgent, openCodeTrajectory, type OpenCodeMessage, type OpenCodeSession } from './session';

/**
 * OpenCode before 1.2: one JSON file per object under `storage/`:
 * `project/<projectID>.json`, `session/<projectID>/<sessionID>.json`, `message/<sessionID>/<messageID>.json`,
 * `part/<messageID>/<partID>.json`; older still, `session/{info,message,part}/…`. Ids come from the
 * paths, not the contents, because OpenCode's own migrations moved files without rewriting them.
 * `session_share/` holds share secrets and is never read.
 */
const FORMAT = 'opencode-storage';

export const openCodeStorageReader: WholeReader = {
  kind: 'whole',
  source: 'opencode',
  format: FORMAT,
  sniff(path, head) {
    if (head !== undefined) return false;
    const layout = layoutOf(path);
    if (!layout) return false;
    const sample = firstJsonFile(layout.messages);
    return !!sample && /"role"\s*:\s*"(user|assistant)"/.test(safeHead(sample));
  },
  async read(path): Promise<ParseOutput> {
    const layout = layoutOf(path);
    if (!layout) return { trajectories: [], problems: [{ file: path, reason: 'no OpenCode message/ and part/ folders' }] };
    const problems: ParseProblem[] = [];
    const load = async (file: string): Promise<JsonObject | undefined> => {
      const v = jsonObject(await readFile(file, 'utf8').catch(() => ''));
      if (v) return v;
      problems.push({ file, reason: 'not a JSON object' });
      return undefined;
    };
    const sessions = await loadSessions(layout, load);
    const known = new Set(sessions.keys());
    const trajectories: Trajectory[] = [];
    for (const session of sessions.values()) {
      if (isSubAgent(session, known)) continue;
      const messages = await loadMessages(join(layout.messages, session.id), layout, load);
      const t = openCodeTrajectory(session, messages, FORMAT);
      if (t) trajectories.push(t);
    }
    return { trajectories, problems };
  },
};

interface Layout {
  messages: string;
  /** The folder holding `<messageID>/` part folders, or for the oldest layout `<sessionID>/<messageID>/`. */
  parts: string;
  partsBySession: boolean;
  sessions?: string;
  projects?: string;
}

function layoutOf(root: string): Layout | undefined {
  if (isDir(join(root, 'session', 'info')) && isDir(join(root, 'session', 'message'))) {
    return { messages: join(root, 'session', 'message'), parts: join(root, 'session', 'part'), partsBySession: true, sessions: join(root, 'session', 'info') };
  }
  if (!isDir(join(root, 'message')) || !isDir(join(root, 'part'))) return undefined;
  return {
    messages: join(root, 'message'),
    parts: join(root, 'part'),
    partsBySession: false,
    sessions: isDir(join(root, 'session')) ? join(root, 'session') : undefined,
    projects: isDir(join(root, 'project')) ? join(root, 'project') : undefined,
  };
}

async function loadSessions(
  layout: Layout,
  load: (file: string) => Promise<JsonObject | undefined>,
): Promise<Map<string, OpenCodeSession>> {
  const worktrees = new Map<string, string | undefined>();
  for (const file of jsonFiles(layout.projects)) worktrees.set(basename(file, '.json'), asNonEmpty((await load(file))?.worktree));
  const sessions = new Map<string, OpenCodeSession>();
  const sessionFiles = layout.partsBySession
    ? jsonFiles(layout.sessions).map((file) => ({ file, project: undefined as string | undefined }))
    : subfolders(layout.sessions).flatMap((dir) => jsonFiles(dir).map((file) => ({ file, project: basename(dir) })));
  for (const { file, project } of sessionFiles) {
    const data = await load(file);
    if (!data) continue;
    const id = basename(file, '.json');
    const time = isObject(data.time) ? data.time : {};
    sessions.set(id, {
      id,
      title: asNonEmpty(data.title),
      directory: asNonEmpty(data.directory),
      worktree: project ? worktrees.get(project) : undefined,
      parentId: asNonEmpty(data.parentID),
      timeCreated: asNumber(time.created),
      timeUpdated: asNumber(time.updated),
    });
  }
  for (const dir of subfolders(layout.messages)) {
    const id = basename(dir);
    if (!sessions.has(id)) sessions.set(id, { id });
  }
  return sessions;
}

async function loadMessages(
  sessionDir: string,
  layout: Layout,
  load: (file: string) => Promise<JsonObject | undefined>,
): Promise<OpenCodeMessage[]> {
  const messages: OpenCodeMessage[] = [];
  for (const file of jsonFiles(sessionDir)) {
    const data = await load(file);
    if (!data) continue;
    const id = basename(file, '.json');
    const partDir = layout.partsBySession ? join(layout.parts, basename(sessionDir), id) : join(layout.parts, id);
    const parts: JsonObject[] = [];
    for (const partFile of jsonFiles(partDir)) {
      const part = await load(partFile);
      if (part) parts.push(part);
    }
    messages.push({ id, data, parts });
  }
  return messages;
}

/** `*.json` files of a folder, sorted by name (OpenCode ids sort by time). */
function jsonFiles(dir: string | undefined): string[] {
  if (!dir || !isDir(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => join(dir, n));
}

function subfolders(dir: string | undefined): string[] {
  if (!dir || !isDir(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((n) => join(dir, n))
    .filter(isDir);
}

function firstJsonFile(messagesDir: string): string | undefined {
  for (const dir of subfolders(messagesDir)) {
    const file = jsonFiles(dir)[0];
    if (file) return file;
  }
  return undefined;
}

function safeHead(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(0, 4096);
  } catch {
    return '';
  }
}

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}
