import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SkillRoot } from '../core/match/registry/load-skill';
import { writeFolderAtomically } from '../core/skills/install/folder-files';
import type { SkillLibrary } from '../core/skills/library/library';

/** The label matches from a draft carry, so a command can tell them from skills that can be used. */
export const DRAFT_SOURCE = 'draft';

export interface DraftsRoot {
  root: SkillRoot;
  dispose(): Promise<void>;
}

/**
 * The library's drafts (new skills awaiting review) as a root the registry can read: written to a scratch
 * folder, since a draft lives only on its candidate branch. Undefined when there are none.
 */
export async function draftsRoot(library: SkillLibrary): Promise<DraftsRoot | undefined> {
  const drafts = await library.drafts();
  if (drafts.length === 0) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'skillsmith-drafts-'));
  try {
    for (const d of drafts) await writeFolderAtomically(join(dir, d.name), (await library.files(d.name, d.version.id)).files);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const versions = new Map(drafts.map((d) => [d.name, d.version.id]));
  return {
    root: { dir, label: DRAFT_SOURCE, versions: async () => versions },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
