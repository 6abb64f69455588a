import { promises as fs } from 'node:fs';
import type { Database, SqlJsStatic } from 'sql.js';
import { SkillsmithError } from '../errors';
import { inspectStateBytes } from './integrity';

export interface OpenedStateFile {
  db: Database;
  /** Schema version found in the file; 0 for a new database. */
  version: number;
  /** The file was missing or was moved aside: the database is new and not on disk yet. */
  fresh: boolean;
}

export interface OpenStateFileOptions {
  latest: number;
  readOnly: boolean;
  notice: (message: string) => void;
}

/**
 * Reads the state file into memory. A damaged or foreign file is moved aside (never deleted, and nothing
 * else in the folder is touched) and a fresh database takes its place. A file from a newer Skillsmith is
 * refused: replacing it would throw away state that a newer version still uses.
 */
export async function openStateFile(SQL: SqlJsStatic, target: string, opts: OpenStateFileOptions): Promise<OpenedStateFile> {
  const bytes = await readIfExists(target);
  if (bytes === undefined) return { db: new SQL.Database(), version: 0, fresh: true };
  const verdict = inspectStateBytes(SQL, bytes, opts.latest);
  switch (verdict.kind) {
    case 'ours':
      return { db: verdict.db, version: verdict.version, fresh: false };
    case 'newer':
      throw new SkillsmithError(
        `was written by a newer Skillsmith (schema version ${verdict.version}; this one knows up to ${opts.latest})`,
        target,
        'update Skillsmith, or choose another home with --home or SKILLSMITH_HOME; the file was left as it is',
      );
    case 'corrupt':
    case 'foreign':
      if (opts.readOnly) {
        opts.notice(`State file ${target} ${verdict.reason}; left it in place (opened read-only) and used an empty state.`);
      } else {
        const aside = await moveAside(target, verdict.kind);
        opts.notice(`State file ${target} ${verdict.reason}; moved it to ${aside} and started a fresh one.`);
      }
      return { db: new SQL.Database(), version: 0, fresh: true };
  }
}

async function readIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SkillsmithError(`cannot be read (${(e as Error).message})`, path);
  }
}

/** Renames `target` to `<target>.<kind>-<timestamp>`, never over an existing file. */
async function moveAside(target: string, kind: 'corrupt' | 'foreign'): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n++) {
    const aside = `${target}.${kind}-${stamp}${n === 1 ? '' : `-${n}`}`;
    if (await exists(aside)) continue;
    await fs.rename(target, aside);
    return aside;
  }
}

async function exists(path: string): Promise<boolean> {
  return fs.access(path).then(
    () => true,
    () => false,
  );
}
