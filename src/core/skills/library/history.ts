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

/** What a listing needs of a skill's latest version. */
export type VersionStamp = Pick<SkillVersion, 'id' | 'date'>;

/** The latest versions already known at an earlier commit of the branch, to stop a walk there. */
export interface KnownVersions {
  tip: string;
  versions: ReadonlyMap<string, VersionStamp>;
}

/**
 * For each of `names`, the latest commit that changed its folder, in one walk of the history. With `known`,
 * the walk stops at that commit when it is on the way: a folder unchanged since then keeps its known version.
 */
export async function latestVersions(ctx: GitContext, tip: string, names: string[], known?: KnownVersions): Promise<Map<string, VersionStamp>> {
  const found = new Map<string, VersionStamp>();
  let newer: ChainLink | undefined;
  for await (const link of firstParentChain(ctx, tip)) {
    if (newer) recordChanges(newer, link.entries, names, found);
    if (found.size === names.length) return found;
    if (link.oid === known?.tip) return withKnown(found, names, known.versions);
    newer = link;
  }
  if (newer) recordChanges(newer, [], names, found);
  return found;
}

function withKnown(found: Map<string, VersionStamp>, names: string[], known: ReadonlyMap<string, VersionStamp>): Map<string, VersionStamp> {
  for (const name of names) {
    const version = known.get(name);
    if (!found.has(name) && version) found.set(name, version);
  }
  return found;
}

function recordChanges(newer: ChainLink, olderEntries: TreeEntry[], names: string[], found: Map<string, VersionStamp>): void {
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
