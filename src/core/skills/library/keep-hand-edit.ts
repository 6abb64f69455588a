import { join } from 'node:path';
import { describeError, SkillsmithError } from '../../errors';
import { LIBRARY_HAND_EDIT_SUBJECT, markedAsHandEdit } from './hand-edit-marker';
import { latestVersions } from './history';
import { commitMessage, type ChangeKind } from './messages';
import { readFolderAt, type GitContext } from './objects';
import type { LibraryRepo } from './repo';
import { refuseHighFindings, scanSkill } from '../scan/scan-skill';
import { allowedSecretTrailers, refuseSecrets } from './secret-check';
import { bytesOf, readFileSet, sameFileSet, type FileSet } from './skill-files';

/*
 * What the user wrote is never lost. A hand edit in the library's own folder is recorded by the absorber
 * only once it has been quiet for a while; a write to that folder before then would replace it. So every
 * write to a skill's folder first commits whatever differs there from the library branch, as the user's
 * version, marked the way the absorber marks one. Writes to other skills never touch the folder.
 */

/**
 * Commits the unrecorded edit in skill `name`'s library folder before `operation` writes that folder.
 * Returns the new version, or null when the folder holds nothing unrecorded (or exactly `recording`: the
 * files the caller read from the folder and is recording itself). Refuses, changing nothing, when the
 * edit cannot be stored in git.
 */
export async function keepUnrecordedEdit(repo: LibraryRepo, ctx: GitContext, name: string, operation: ChangeKind, recording?: FileSet): Promise<string | null> {
  const dir = join(repo.dir, name);
  const onDisk = await readWorkingFolder(dir, name);
  if (!onDisk || onDisk.size === 0) return null;
  const tip = await repo.tip(ctx);
  const recorded = await readFolderAt(ctx, tip, name);
  if (recorded && sameFileSet(onDisk, recorded)) return null;
  if (recording) {
    if (sameFileSet(onDisk, recording)) return null;
    throw new SkillsmithError(`the library folder of skill "${name}" changed while its hand edit was being recorded`, dir, 'record it again once it is quiet');
  }
  // a hand edit is recorded through the same scan as every other version: a hostile one stops the write
  refuseHighFindings(
    scanSkill(name, bytesOf(onDisk)),
    dir,
    `the library folder of skill "${name}" holds an unrecorded hand edit that cannot be kept, so nothing was written`,
    'remove what the scan names from the folder (see `skillsmith scan FOLDER`), then try again',
  );
  const files = markedAsHandEdit(onDisk);
  // only the hand-edit mark differs from what is recorded: nothing of the user's would be lost
  if (recorded && sameFileSet(files, recorded)) return null;
  // a secret typed into the folder is refused like any other (the edit stays on disk, unrecorded)
  const allowed = refuseSecrets(files, dir);
  return repo.commitFolder(name, files, commitMessage('update', name, await keptReason(ctx, tip, name, operation, recorded !== null)) + allowedSecretTrailers(allowed));
}

/** The folder's files, null when it is missing; a clear refusal when they cannot be stored as they are. */
async function readWorkingFolder(dir: string, name: string): Promise<FileSet | null> {
  try {
    return await readFileSet(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SkillsmithError(
      `the library folder of skill "${name}" holds changes that are not recorded and cannot be (${describeError(e)}); nothing was written`,
      dir,
      'move your changes out of the folder (or make them plain files), then try again',
    );
  }
}

async function keptReason(ctx: GitContext, tip: string, name: string, operation: ChangeKind, known: boolean): Promise<string> {
  const base = known ? (await latestVersions(ctx, tip, [name])).get(name)?.id : undefined;
  const what = base ? `The user edited version ${base.slice(0, 7)} in the library's own folder` : "The user created this folder by hand in the library's own folder";
  return [
    `${LIBRARY_HAND_EDIT_SUBJECT}, kept before ${operation}`,
    '',
    `${what}; it was not recorded yet when ${operation} was about to write the folder.`,
    "Recorded as the user's version: ground truth for the next rewrite.",
  ].join('\n');
}
