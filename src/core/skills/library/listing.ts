import { join } from 'node:path';
import type { TreeEntry } from 'isomorphic-git';
import { folderDescriptions } from './folder-descriptions';
import { latestVersions, type KnownVersions } from './history';
import { readListing, writeListing, type ListedSkill, type Listing } from './listing-file';
import { rootEntries, type GitContext } from './objects';
import type { LibraryRepo } from './repo';
import { snapshotFs } from './snapshot-fs';
import type { LibrarySkill } from './types';

/** Beside git's own files, so the extension and the CLI share it and a fresh clone starts without one. */
const LISTING_FILE = 'skillsmith-listing.json';

/**
 * Lists the skills on the library branch. The listing is kept, in memory and in a file, with the branch tip
 * it was read at: while the branch has not moved it is reused as is, and after any commit (from here, the
 * `git` command or another process) only the folders whose tree changed are read again and the history is
 * walked back only to the kept tip.
 */
export class SkillListing {
  private last: Listing | undefined;

  constructor(private readonly repo: LibraryRepo) {}

  private get path(): string {
    return join(this.repo.dir, '.git', LISTING_FILE);
  }

  /** Run under the library's lock, like every other operation on the repository. */
  async list(ctx: GitContext): Promise<LibrarySkill[]> {
    const tip = await this.repo.tip(ctx);
    const previous = this.last?.tip === tip ? this.last : ((await readListing(this.path)) ?? this.last);
    let listing = previous;
    if (listing?.tip !== tip) {
      listing = await this.read(ctx, tip, previous);
      // a listing that cannot be saved is only slower next time
      await writeListing(this.path, listing).catch(() => undefined);
    }
    this.last = listing;
    return listing.skills.map(({ tree: _tree, ...skill }) => skill);
  }

  private async read(ctx: GitContext, tip: string, previous: Listing | undefined): Promise<Listing> {
    try {
      return await readListingAt({ ...ctx, fs: snapshotFs(this.repo.dir) }, tip, previous);
    } catch {
      // a `git gc` running meanwhile may have moved objects the snapshot had listed: read them afresh (a real
      // fault then fails again, and is reported)
      return readListingAt(ctx, tip, previous);
    }
  }
}

async function readListingAt(ctx: GitContext, tip: string, previous: Listing | undefined): Promise<Listing> {
  const folders = skillFolders(await rootEntries(ctx, tip));
  const names = folders.map((f) => f.path);
  const known = new Map(previous?.skills.map((s) => [s.tree, s.description]));
  const unknown = new Map(folders.filter((f) => !known.has(f.oid)).map((f) => [f.path, f.oid]));
  const read = await folderDescriptions(ctx, tip, unknown, folders.length);
  let versions = await latestVersions(ctx, tip, names, previous && knownVersions(previous));
  // a kept listing that lacks a skill it should have is not trusted: walk the whole history instead
  if (names.some((name) => !versions.has(name))) versions = await latestVersions(ctx, tip, names);
  const skills = folders.map(({ path: name, oid: tree }): ListedSkill => {
    const version = versions.get(name)!;
    return { name, description: read.get(name) ?? known.get(tree) ?? '', version: version.id, updatedAt: version.date, tree };
  });
  return { tip, skills };
}

/** The skill folders of a root tree, by name; hidden folders are not skills. */
export function skillFolders(entries: TreeEntry[]): TreeEntry[] {
  return entries.filter((e) => e.type === 'tree' && !e.path.startsWith('.')).sort((a, b) => (a.path < b.path ? -1 : 1));
}

function knownVersions(listing: Listing): KnownVersions {
  return { tip: listing.tip, versions: new Map(listing.skills.map((s) => [s.name, { id: s.version, date: s.updatedAt }])) };
}
