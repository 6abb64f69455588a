import git, { type CommitObject, type TreeEntry } from 'isomorphic-git';
import { folderIdIn, type GitContext } from './objects';
import type { SkillVersion } from './types';

interface ChainLink {
  oid: string;
  commit: CommitObject;
  entries: TreeEntry[];
}

/**
 * The library branch's own history, newest first, following first parents only: an accepted candidate
 * shows up as its merge commit, not as the commits made on the candidate branch.
 */
async function* firstParentChain(ctx: GitContext, tip: string): AsyncGenerator<ChainLink> {
  let oid: string | undefined = tip;
  while (oid) {
    const { commit } = await git.readCommit({ ...ctx, oid });
    const { tree } = await git.readTree({ ...ctx, oid: commit.tree });
    yield { oid, commit, entries: tree };
    oid = commit.parent[0];
  }
}

export function toSkillVersion(oid: string, commit: CommitObject): SkillVersion {
  return {
    id: oid,
    shortId: oid.slice(0, 7),
    date: new Date(commit.committer.timestamp * 1000).toISOString(),
    message: commit.message.trim(),
  };
}

/** The commits that changed the folder `name`, newest first (its removal included). */
export async function folderHistory(ctx: GitContext, tip: string, name: string): Promise<SkillVersion[]> {
  const versions: SkillVersion[] = [];
  let newer: ChainLink | undefined;
  for await (const link of firstParentChain(ctx, tip)) {
    if (newer && folderIdIn(newer.entries, name) !== folderIdIn(link.entries, name)) {
      versions.push(toSkillVersion(newer.oid, newer.commit));
    }
    newer = link;
  }
  if (newer && folderIdIn(newer.entries, name) !== null) versions.push(toSkillVersion(newer.oid, newer.commit));
  return versions;
}

/** For each of `names`, the latest commit that changed its folder, in one walk of the history. */
export async function latestVersions(ctx: GitContext, tip: string, names: string[]): Promise<Map<string, SkillVersion>> {
  const found = new Map<string, SkillVersion>();
  let newer: ChainLink | undefined;
  for await (const link of firstParentChain(ctx, tip)) {
    if (newer) recordChanges(newer, link.entries, names, found);
    if (found.size === names.length) return found;
    newer = link;
  }
  if (newer) recordChanges(newer, [], names, found);
  return found;
}

function recordChanges(newer: ChainLink, olderEntries: TreeEntry[], names: string[], found: Map<string, SkillVersion>): void {
  // one map per side: a linear search per name is quadratic in the number of skills
  const [now, before] = [folderIds(newer.entries), folderIds(olderEntries)];
  for (const name of names) {
    if (!found.has(name) && (now.get(name) ?? null) !== (before.get(name) ?? null)) {
      found.set(name, toSkillVersion(newer.oid, newer.commit));
    }
  }
}

function folderIds(entries: TreeEntry[]): Map<string, string> {
  return new Map(entries.filter((e) => e.type === 'tree').map((e) => [e.path, e.oid]));
}
