import type { Database } from 'sql.js';
import { describeError, SkillsmithError } from '../errors';
import { VERSION_KEY, type Migration } from './migrations';
import { runnerFor } from './statements';

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
}

/** A list whose versions are not exactly 1, 2, 3… is a programming error (often a merge of two appends). */
export function checkMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`state migrations must be numbered 1, 2, 3… in order: entry ${i + 1} ("${m.name}") has version ${m.version}`);
    }
  });
}

/**
 * Applies every migration newer than `fromVersion`, each in its own transaction together with the
 * version bump. Returns the versions applied. On failure the database is left at the last good version.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[], fromVersion: number, where: string): number[] {
  const applied: number[] = [];
  for (const m of migrations.filter((x) => x.version > fromVersion)) {
    db.run('BEGIN');
    try {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(runnerFor(db));
      db.run('UPDATE meta SET value = ? WHERE key = ?', [String(m.version), VERSION_KEY]);
      db.run('COMMIT');
    } catch (e) {
      db.run('ROLLBACK');
      throw new SkillsmithError(`state migration ${m.version} ("${m.name}") failed: ${describeError(e)}`, where);
    }
    applied.push(m.version);
  }
  return applied;
}
