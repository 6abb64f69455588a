import { join, resolve } from 'node:path';
import { SkillsmithError } from '../../errors';
import * as candidates from './candidates';
import { asLibraryDamage } from './damage';
import { unifiedFolderDiff } from './diff';
import { folderHistory, latestVersions, toSkillVersion } from './history';
import { readValidSkill, type IntakeOptions } from './intake';
import { keepUnrecordedEdit } from './keep-hand-edit';
import { SkillListing } from './listing';
import { commitMessage, draftAwaitingReview, requireReason, type ChangeKind } from './messages';
import { folderTreeId, readFolderAt, rootEntries, type GitContext } from './objects';
import { withProcessLock } from './process-lock';
import { allowedSecretTrailers } from './secret-check';
import { LibraryRepo } from './repo';
import { refuseHighFindings, scanSkill } from '../scan/scan-skill';
import { SerialQueue } from './serial-queue';
import { assertSkillName, bytesOf, fileSetToText, readFileSet, sameFileSet, type FileSet } from './skill-files';
import type { CandidateRejection, CommitIdentity, LibrarySkill, SkillCandidate, SkillSnapshot, SkillVersion } from './types';

export interface WriteOptions extends IntakeOptions {
  /**
   * The files the caller read from this skill's own library folder and is recording now (the hand-edit
   * absorber): while the folder still holds exactly these, they are not first kept as a version of their own.
   */
  recordsWorkingTree?: FileSet;
}

export interface OpenOptions {
  /** Author and committer of every commit; `Skillsmith <skillsmith@localhost>` by default. */
  identity?: CommitIdentity;
  /** Told about a repair made on opening (a missing .git/HEAD put back, say). */
  onNotice?: (message: string) => void;
}

/**
 * The versioned skill library: one git repository, one folder per skill, every change a commit.
 * Operations run one at a time within a process and under a lock file across processes. Before any write
 * to a skill's folder, an unrecorded hand edit there is committed as the user's version (keep-hand-edit.ts).
 */
export class SkillLibrary {
  private readonly queue = new SerialQueue();
  private readonly listing: SkillListing;

  private constructor(
    private readonly repo: LibraryRepo,
    /** True when this open created the repository. */
    readonly created: boolean,
  ) {
    this.listing = new SkillListing(repo);
  }

  /** Opens the library at `dir`, creating the repository when the folder is missing or empty. */
  static async open(dir: string, options: OpenOptions = {}): Promise<SkillLibrary> {
    const at = resolve(dir);
    try {
      const { repo, created, repairs } = await LibraryRepo.open(at, options.identity);
      for (const r of repairs) options.onNotice?.(r);
      await withProcessLock(repo.lockPath, () => repo.recover());
      return new SkillLibrary(repo, created);
    } catch (e) {
      throw asLibraryDamage(e, at);
    }
  }

  get dir(): string {
    return this.repo.dir;
  }

  /** The skills on the library branch, by name. */
  list(): Promise<LibrarySkill[]> {
    return this.exclusive((ctx) => this.listing.list(ctx));
  }

  /**
   * Records the skill folder `folder` (validated and scanned for injection first): a new skill, or a new
   * version of one already here.
   */
  add(folder: string, reason?: string, options: WriteOptions = {}): Promise<SkillVersion> {
    return this.exclusive(async (ctx) => {
      const skill = await readValidSkill(folder, { ...options, knownNames: await this.names(ctx) });
      await this.keepHandEdit(ctx, skill.name, 'add', options);
      const known = (await folderTreeId(ctx, await this.repo.tip(ctx), skill.name)) !== null;
      const why = reason?.trim();
      const trailers = allowedSecretTrailers(skill.allowedSecrets);
      const message = (known ? commitMessage('update', skill.name, why || 'new version') : commitMessage('add', skill.name, why || 'first version')) + trailers;
      return this.versionOf(ctx, await this.repo.commitFolder(skill.name, skill.files, message));
    });
  }

  /** Records a new version of the existing skill `name` from `folder`. */
  update(name: string, folder: string, reason: string, options: WriteOptions = {}): Promise<SkillVersion> {
    return this.exclusive(async (ctx) => {
      await this.requireSkill(ctx, name);
      const skill = await readValidSkill(folder, { ...options, knownNames: await this.names(ctx) });
      this.requireSameName(name, skill.name, folder);
      await this.keepHandEdit(ctx, name, 'update', options);
      const message = commitMessage('update', name, requireReason(reason, `update "${name}"`)) + allowedSecretTrailers(skill.allowedSecrets);
      return this.versionOf(ctx, await this.repo.commitFolder(name, skill.files, message));
    });
  }

  remove(name: string, reason: string): Promise<SkillVersion> {
    return this.exclusive(async (ctx) => {
      await this.requireSkill(ctx, name);
      await this.keepHandEdit(ctx, name, 'remove');
      return this.versionOf(ctx, await this.repo.commitFolder(name, null, commitMessage('remove', name, requireReason(reason, `remove "${name}"`))));
    });
  }

  /** The versions of skill `name`, newest first, including the commit that removed it if it is gone. */
  log(name: string): Promise<SkillVersion[]> {
    return this.exclusive(async (ctx) => {
      assertSkillName(name);
      const versions = await folderHistory(ctx, await this.repo.tip(ctx), name);
      if (versions.length === 0) throw await this.unknownSkill(ctx, name);
      return versions;
    });
  }

  /** All files of skill `name` at `version` (a commit id, full or short), or its current version. */
  show(name: string, version?: string): Promise<SkillSnapshot> {
    return this.exclusive(async (ctx) => {
      assertSkillName(name);
      if (version === undefined) {
        const tip = await this.repo.tip(ctx);
        const files = await this.requireSkill(ctx, name);
        const latest = (await latestVersions(ctx, tip, [name])).get(name)!;
        return { name, version: latest.id, files: fileSetToText(files) };
      }
      const commit = await this.repo.resolveVersion(ctx, version);
      const files = await readFolderAt(ctx, commit, name);
      if (!files) throw this.absentAt(name, version);
      return { name, version: commit, files: fileSetToText(files) };
    });
  }

  /** Like `show`, but the files byte for byte (for installing: a binary file must not pass through text). */
  files(name: string, version?: string): Promise<{ name: string; version: string; files: FileSet }> {
    return this.exclusive(async (ctx) => {
      assertSkillName(name);
      if (version === undefined) {
        const files = await this.requireSkill(ctx, name);
        const latest = (await latestVersions(ctx, await this.repo.tip(ctx), [name])).get(name)!;
        return { name, version: latest.id, files };
      }
      const commit = await this.repo.resolveVersion(ctx, version);
      const files = await readFolderAt(ctx, commit, name);
      if (!files) throw this.absentAt(name, version);
      return { name, version: commit, files };
    });
  }

  /**
   * Skill folders in the working tree whose files differ from the library branch: edits made there by
   * hand. A folder that is missing or holds a symbolic link is left out (nothing there can be recorded).
   */
  workingTreeEdits(): Promise<{ name: string; dir: string }[]> {
    return this.exclusive(async (ctx) => {
      const tip = await this.repo.tip(ctx);
      const names = (await rootEntries(ctx, tip)).filter((e) => e.type === 'tree' && !e.path.startsWith('.')).map((e) => e.path).sort();
      const edited: { name: string; dir: string }[] = [];
      for (const name of names) {
        const dir = join(this.dir, name);
        const onDisk = await readFileSet(dir).catch(() => undefined);
        if (onDisk && !sameFileSet(onDisk, (await readFolderAt(ctx, tip, name))!)) edited.push({ name, dir });
      }
      return edited;
    });
  }

  /** A unified diff of skill `name` from version `from` to version `to`. */
  diff(name: string, from: string, to: string): Promise<string> {
    return this.exclusive(async (ctx) => {
      assertSkillName(name);
      const [a, b] = [await this.repo.resolveVersion(ctx, from), await this.repo.resolveVersion(ctx, to)];
      const [before, after] = [await readFolderAt(ctx, a, name), await readFolderAt(ctx, b, name)];
      if (!before && !after) throw new SkillsmithError(`skill "${name}" exists at neither ${from} nor ${to}`, this.dir);
      return unifiedFolderDiff(name, before, after);
    });
  }

  /** Restores skill `name` to its content at `version`, as a new commit; history is never rewritten. */
  revert(name: string, version: string, reason?: string): Promise<SkillVersion> {
    return this.exclusive(async (ctx) => {
      assertSkillName(name);
      const commit = await this.repo.resolveVersion(ctx, version);
      const files = await readFolderAt(ctx, commit, name);
      if (!files) throw this.absentAt(name, version);
      await this.keepHandEdit(ctx, name, 'revert');
      const short = commit.slice(0, 7);
      // the old version was scanned when it was recorded, perhaps by older rules or under the override
      refuseHighFindings(scanSkill(name, bytesOf(files)), this.dir, `version ${short} of "${name}" is not restored`, 'restore it by hand with `library add --allow-quarantined` if you mean it');
      if ((await folderTreeId(ctx, commit, name)) === (await folderTreeId(ctx, await this.repo.tip(ctx), name))) {
        throw new SkillsmithError(`skill "${name}" already has the content of version ${short}`, this.dir);
      }
      const why = reason?.trim() ? `to ${short}\n${reason.trim()}` : `to ${short}`;
      return this.versionOf(ctx, await this.repo.commitFolder(name, files, commitMessage('revert', name, why)));
    });
  }

  /** Proposes the skill folder `folder` as a candidate version of skill `name`, on `candidate/<name>`. */
  proposeCandidate(name: string, folder: string, reason: string, options: IntakeOptions = {}): Promise<SkillVersion> {
    return this.exclusive(async (ctx) => {
      const skill = await readValidSkill(folder, { ...options, knownNames: await this.names(ctx) });
      this.requireSameName(name, skill.name, folder);
      return candidates.proposeCandidate(this.repo, name, skill.files, requireReason(reason, `propose a candidate for "${name}"`) + allowedSecretTrailers(skill.allowedSecrets));
    });
  }

  listCandidates(): Promise<SkillCandidate[]> {
    return this.exclusive(() => candidates.listCandidates(this.repo));
  }

  /** The drafts: candidates for skills the library does not hold yet (new skills awaiting review). */
  async drafts(): Promise<SkillCandidate[]> {
    const [waiting, skills] = await Promise.all([this.listCandidates(), this.list()]);
    const held = new Set(skills.map((s) => s.name));
    return waiting.filter((c) => !held.has(c.name));
  }

  /** What accepting the candidate would change: a unified diff from the library's version to the candidate. */
  diffCandidate(name: string): Promise<string> {
    return this.exclusive(async (ctx) => {
      assertSkillName(name);
      const { files } = await candidates.candidateContent(this.repo, ctx, name);
      return unifiedFolderDiff(name, await readFolderAt(ctx, await this.repo.tip(ctx), name), files);
    });
  }

  /**
   * Merges the candidate for `name` into the library; the merge commit is the skill's new version. An
   * unrecorded hand edit of the skill is kept first, and then, being newer than the candidate, refuses it.
   */
  acceptCandidate(name: string): Promise<SkillVersion> {
    return this.exclusive(async (ctx) => {
      assertSkillName(name);
      const { files } = await candidates.candidateContent(this.repo, ctx, name);
      refuseHighFindings(scanSkill(name, bytesOf(files), await this.names(ctx)), this.dir, `the candidate for "${name}" is not accepted`, 'reject it, or propose a fixed one');
      await this.keepHandEdit(ctx, name, 'accept');
      return this.versionOf(ctx, await candidates.acceptCandidate(this.repo, name));
    });
  }

  /** Deletes the candidate for `name`, keeping it and the reason under `refs/rejected/<name>`. */
  rejectCandidate(name: string, reason: string): Promise<CandidateRejection> {
    return this.exclusive(async () => {
      assertSkillName(name);
      return candidates.rejectCandidate(this.repo, name, requireReason(reason, `reject the candidate for "${name}"`));
    });
  }

  /** The rejected candidates of skill `name` with their reasons, newest first. */
  rejections(name: string): Promise<CandidateRejection[]> {
    return this.exclusive(async () => {
      assertSkillName(name);
      return candidates.listRejections(this.repo, name);
    });
  }

  private exclusive<T>(task: (ctx: GitContext) => Promise<T>): Promise<T> {
    return this.queue.run(() =>
      withProcessLock(this.repo.lockPath, async () => {
        // a restore that failed earlier (in this process or another) is retried before anything else
        await this.repo.recover();
        try {
          return await task(this.repo.context());
        } catch (e) {
          throw asLibraryDamage(e, this.repo.dir);
        }
      }),
    );
  }

  private async keepHandEdit(ctx: GitContext, name: string, operation: ChangeKind, options: WriteOptions = {}): Promise<void> {
    await keepUnrecordedEdit(this.repo, ctx, name, operation, options.recordsWorkingTree);
  }

  /** The skill names on the library branch. */
  private async names(ctx: GitContext): Promise<string[]> {
    return (await rootEntries(ctx, await this.repo.tip(ctx))).filter((e) => e.type === 'tree' && !e.path.startsWith('.')).map((e) => e.path);
  }

  private async versionOf(ctx: GitContext, oid: string): Promise<SkillVersion> {
    return toSkillVersion(oid, await this.repo.readCommit(ctx, oid));
  }

  private async requireSkill(ctx: GitContext, name: string): Promise<FileSet> {
    assertSkillName(name);
    const files = await readFolderAt(ctx, await this.repo.tip(ctx), name);
    if (!files) throw await this.unknownSkill(ctx, name);
    return files;
  }

  private requireSameName(expected: string, found: string, folder: string): void {
    if (expected !== found) throw new SkillsmithError(`the folder holds skill "${found}", not "${expected}"`, resolve(folder));
  }

  /** A name only a candidate branch holds is a draft awaiting review: say so, and how to accept it. */
  private async unknownSkill(ctx: GitContext, name: string): Promise<SkillsmithError> {
    if (await candidates.hasCandidate(ctx, name)) return draftAwaitingReview(name, this.dir);
    return new SkillsmithError(`no skill named "${name}" in the library`, this.dir, 'see `skillsmith library list`');
  }

  private absentAt(name: string, version: string): SkillsmithError {
    return new SkillsmithError(`skill "${name}" does not exist at version ${version}`, this.dir, 'see `skillsmith library log SKILL`');
  }
}
