import { lstat, readlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describeError, SkillsmithError } from '../../errors';
import type { SqlRunner } from '../../store/statements';
import type { SkillLibrary } from '../library/library';
import type { AgentTarget, InstallScope } from './agents';
import { hashFiles } from './folder-files';
import { isInside } from './inspect';
import { markedFiles, materializedDir } from './materialize';
import { readOwnership, type Ownership } from './ownership';
import { saveInstall, type InstallMethod, type InstallRecord } from './records';

export interface OrphanPlace {
  agent: AgentTarget;
  scope: InstallScope;
  workspace?: string;
  path: string;
}

interface AdoptContext {
  store: SqlRunner;
  library: SkillLibrary;
  skillsmithHome: string;
  now?: () => Date;
}

/**
 * Rebuilds the record of an install of `skill` that Skillsmith placed at `place.path` when the store has none
 * (the state was reset, or the home moved): a copy whose ownership file is ours, or a link into our
 * `installed/` folder. What was written there comes from the library, so edits made since still show as
 * edits. Undefined when nothing of ours stands there.
 */
export async function adoptOrphan(ctx: AdoptContext, place: OrphanPlace, skill: string): Promise<InstallRecord | undefined> {
  const found = await ownedAt(place.path, join(ctx.skillsmithHome, 'installed'), skill);
  if (!found) return undefined;
  const { own, method, source } = found;
  let written: Record<string, string>;
  try {
    const snapshot = await ctx.library.files(skill, own.version);
    written = hashFiles(markedFiles(skill, snapshot.version, snapshot.files));
  } catch (e) {
    throw new SkillsmithError(
      `Skillsmith placed this folder (version ${own.version.slice(0, 7)}), but its record is gone and the library cannot give that version back: ${describeError(e)}`,
      place.path,
      'move the folder away (keep it if you edited it) and install again',
    );
  }
  const record: InstallRecord = {
    path: place.path,
    skill,
    version: own.version,
    pinned: false,
    agent: place.agent.name,
    scope: place.scope,
    ...(place.workspace ? { workspace: place.workspace } : {}),
    method,
    source: source ?? materializedDir(ctx.skillsmithHome, skill, own.version),
    installId: own.installId ?? '',
    files: written,
    installedAt: (ctx.now?.() ?? new Date()).toISOString(),
  };
  saveInstall(ctx.store, record);
  return record;
}

async function ownedAt(path: string, installedRoot: string, skill: string): Promise<{ own: Ownership; method: InstallMethod; source?: string } | undefined> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return undefined;
  if (info.isSymbolicLink()) {
    const target = resolve(dirname(path), await readlink(path));
    if (!isInside(target, installedRoot)) return undefined;
    const own = await readOwnership(target);
    return own?.kind === 'materialized' && own.skill === skill ? { own, method: 'link', source: target } : undefined;
  }
  if (!info.isDirectory()) return undefined;
  const own = await readOwnership(path);
  return own?.kind === 'copy' && own.skill === skill && own.installId ? { own, method: 'copy' } : undefined;
}
