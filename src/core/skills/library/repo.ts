import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import git, { Errors, type CommitObject } from 'isomorphic-git';
import { SkillsmithError } from '../../errors';
import { repairHead } from './damage';
import { moveRef, removeStaleRefLock } from './refs';
import { folderTreeId, gitContext, readFolderAt, replaceFolderInTree, writeFolderTree, type GitContext } from './objects';
import { writeFileSet, type FileSet } from './skill-files';
import { DEFAULT_IDENTITY, type CommitIdentity } from './types';

const DEFAULT_BRANCH = 'main';
const INIT_MESSAGE = 'init: skill library';
const PARTIAL_GITDIR = '.git-being-created';
/** Names the skill folder an operation is rewriting, so a crash mid-write is undone on the next open. */
export const PENDING_FILE = 'skillsmith-pending';
const LOCK_FILE = 'skillsmith.lock';

/**
 * The library's git repository: one folder per skill at the root, one branch that holds the library.
 * Everything that writes goes through here; callers serialize access (see SkillLibrary).
 */
export class LibraryRepo {
  private constructor(
    readonly dir: string,
    readonly branch: string,
    readonly identity: CommitIdentity,
  ) {}

  /** Opens the repository at `dir`, creating it when the folder is missing or empty. */
  static async open(dir: string, identity: CommitIdentity = DEFAULT_IDENTITY): Promise<{ repo: LibraryRepo; created: boolean; repairs: string[] }> {
    const created = await initIfMissing(dir);
    const repaired = created ? undefined : await repairHead(dir);
    const ctx = gitContext(dir);
    const branch = await git.currentBranch({ ...ctx, fullname: false });
    if (!branch) {
      throw new SkillsmithError('the library repository has a detached HEAD', dir, 'check out its library branch (main) with git');
    }
    const repo = new LibraryRepo(dir, branch, identity);
    if (!(await repo.hasCommits())) await repo.commitInitial();
    return { repo, created, repairs: repaired ? [repaired] : [] };
  }

  get branchRef(): string {
    return `refs/heads/${this.branch}`;
  }

  get lockPath(): string {
    return join(this.dir, '.git', LOCK_FILE);
  }

  context(): GitContext {
    return gitContext(this.dir);
  }

  /** The commit the library branch points to. */
  async tip(ctx: GitContext = this.context()): Promise<string> {
    return git.resolveRef({ ...ctx, ref: this.branchRef });
  }

  async readCommit(ctx: GitContext, oid: string): Promise<CommitObject> {
    return (await git.readCommit({ ...ctx, oid })).commit;
  }

  /** A full commit id for a user-given version (full or abbreviated), or a clear error. */
  async resolveVersion(ctx: GitContext, version: string): Promise<string> {
    const v = version.trim().toLowerCase();
    if (!/^[0-9a-f]{4,40}$/.test(v)) {
      throw new SkillsmithError(`"${version}" is not a version id`, this.dir, 'a version is a commit id of 4 to 40 hex digits; see `skillsmith library log SKILL`');
    }
    let oid: string;
    try {
      oid = await git.expandOid({ ...ctx, oid: v });
    } catch (e) {
      if (e instanceof Errors.AmbiguousError) throw new SkillsmithError(`version ${version} is ambiguous`, this.dir, 'give more digits of the id');
      if (e instanceof Errors.NotFoundError) throw new SkillsmithError(`no version ${version} in the library`, this.dir, 'see `skillsmith library log SKILL`');
      throw e;
    }
    const { type } = await git.readObject({ ...ctx, oid, format: 'parsed' });
    if (type !== 'commit') throw new SkillsmithError(`${version} is a ${type}, not a version`, this.dir);
    return oid;
  }

  /**
   * Records `files` as the new content of the skill folder `name` (null removes it) in one commit on the
   * library branch, with `extraParents` after the branch tip (for merges). The commit's tree is built from
   * objects, so nothing else staged can slip into it; the working tree and index follow, and are restored
   * from the tip if anything fails before the branch moves.
   */
  async commitFolder(name: string, files: FileSet | null, message: string, extraParents: string[] = []): Promise<string> {
    const ctx = this.context();
    const tip = await this.tip(ctx);
    const before = await folderTreeId(ctx, tip, name);
    const after = files ? await writeFolderTree(ctx, files) : null;
    if (before === after) {
      throw new SkillsmithError(`nothing changed in skill "${name}"`, this.dir, 'the library already holds exactly this content');
    }
    const tree = await replaceFolderInTree(ctx, tip, name, files);
    await this.markPending(name);
    try {
      await writeFileSet(join(this.dir, name), files);
      await this.stageFolder(ctx, name);
      const oid = await git.commit({
        ...ctx,
        ref: this.branchRef,
        noUpdateBranch: true,
        message,
        tree,
        parent: [tip, ...extraParents],
        author: this.identity,
        committer: this.identity,
      });
      await moveRef(ctx, this.branchRef, oid, tip);
      await this.clearPending();
      return oid;
    } catch (e) {
      try {
        await this.restoreFolder(name);
        await this.clearPending();
      } catch {
        // the pending marker stays, so the next open retries the restore
      }
      throw e;
    }
  }

  /**
   * Writes a commit that is not on the library branch (candidates, rejections) and points `ref` at it,
   * provided `ref` still points at `expected` (null: a new ref).
   */
  async commitOffBranch(ctx: GitContext, ref: string, tree: string, parents: string[], message: string, expected: string | null): Promise<string> {
    const now = { ...this.identity, timestamp: Math.floor(Date.now() / 1000), timezoneOffset: new Date().getTimezoneOffset() };
    const oid = await git.writeCommit({ ...ctx, commit: { message: withNewline(message), tree, parent: parents, author: now, committer: now } });
    await moveRef(ctx, ref, oid, expected);
    return oid;
  }

  /** Undoes a write that a crashed process left half done. Run under the process lock. */
  async recover(): Promise<void> {
    await removeStaleRefLock(this.dir);
    let name: string;
    try {
      name = (await readFile(this.pendingPath, 'utf8')).trim();
    } catch {
      return;
    }
    if (name) await this.restoreFolder(name);
    await this.clearPending();
  }

  /** Makes the working tree and index of folder `name` match the branch tip again. */
  private async restoreFolder(name: string): Promise<void> {
    const ctx = this.context();
    await writeFileSet(join(this.dir, name), await readFolderAt(ctx, await this.tip(ctx), name));
    const rows = await git.statusMatrix({ ...ctx, filepaths: [name], ignored: true });
    for (const [filepath] of rows) await git.resetIndex({ ...ctx, filepath });
  }

  private async stageFolder(ctx: GitContext, name: string): Promise<void> {
    const rows = await git.statusMatrix({ ...ctx, filepaths: [name], ignored: true });
    const present = rows.filter(([, , workdir]) => workdir !== 0).map(([filepath]) => filepath);
    const gone = rows.filter(([, , workdir, stage]) => workdir === 0 && stage !== 0).map(([filepath]) => filepath);
    // add every present file, not only changed ones: a change of the executable bit alone must be staged too
    if (present.length > 0) await git.add({ ...ctx, filepath: present, force: true });
    for (const filepath of gone) await git.remove({ ...ctx, filepath });
  }

  private async hasCommits(): Promise<boolean> {
    try {
      await this.tip();
      return true;
    } catch (e) {
      if (e instanceof Errors.NotFoundError) return false;
      throw e;
    }
  }

  private async commitInitial(): Promise<void> {
    const ctx = this.context();
    const tree = await git.writeTree({ ...ctx, tree: [] });
    await git.commit({ ...ctx, ref: this.branchRef, message: INIT_MESSAGE, tree, parent: [], author: this.identity, committer: this.identity });
  }

  private get pendingPath(): string {
    return join(this.dir, '.git', PENDING_FILE);
  }

  private async markPending(name: string): Promise<void> {
    await writeFile(this.pendingPath, name);
  }

  private async clearPending(): Promise<void> {
    await rm(this.pendingPath, { force: true });
  }
}

/** Creates an empty repository when `dir` is missing or empty; refuses a non-empty folder that is not one. */
async function initIfMissing(dir: string): Promise<boolean> {
  if (await exists(join(dir, '.git'))) return false;
  await mkdir(dir, { recursive: true });
  const partial = join(dir, PARTIAL_GITDIR);
  // a process killed while creating the repository leaves only this; it held nothing yet
  await rm(partial, { recursive: true, force: true });
  if ((await readdir(dir)).length > 0) {
    throw new SkillsmithError('this folder is not empty and is not a skill library', dir, 'choose another home with --home, or empty the folder');
  }
  // made aside and renamed into place, so `.git` never exists half made (without HEAD, say)
  await git.init({ ...gitContext(dir), gitdir: partial, defaultBranch: DEFAULT_BRANCH });
  await rename(partial, join(dir, '.git'));
  return true;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function withNewline(message: string): string {
  return message.endsWith('\n') ? message : `${message}\n`;
}
