import git from 'isomorphic-git';
import { SkillsmithError } from '../../errors';
import { latestVersions, toSkillVersion } from './history';
import { commitMessage, reasonOf } from './messages';
import { folderTreeId, readFolderAt, replaceFolderInTree, writeFolderTree, type GitContext } from './objects';
import { readRef } from './refs';
import type { LibraryRepo } from './repo';
import type { FileSet } from './skill-files';
import type { CandidateRejection, SkillCandidate, SkillVersion } from './types';

/*
 * A candidate is a branch `candidate/<skill>` whose commits hold the proposed folder on top of the library
 * branch. Accepting merges it (the merge commit is the new version); rejecting records the reason in a
 * commit kept under `refs/rejected/<skill>`, so the rejected content and why stay in the repository.
 */

const BRANCH_PREFIX = 'candidate/';

export function candidateBranch(name: string): string {
  return `${BRANCH_PREFIX}${name}`;
}

function candidateRef(name: string): string {
  return `refs/heads/${candidateBranch(name)}`;
}

function rejectedRef(name: string): string {
  return `refs/rejected/${name}`;
}

/**
 * Records `files` as the candidate for skill `name`. A second proposal adds a commit to the same branch;
 * when the library moved on meanwhile, that commit also has the library tip as a parent, so the candidate
 * is then based on the current version.
 */
export async function proposeCandidate(repo: LibraryRepo, name: string, files: FileSet, reason: string): Promise<SkillVersion> {
  const ctx = repo.context();
  const main = await repo.tip(ctx);
  const current = await readRef(ctx, candidateRef(name));
  const proposed = await writeFolderTree(ctx, files);
  if (proposed === (await folderTreeId(ctx, main, name))) {
    throw new SkillsmithError(`the candidate for skill "${name}" is identical to the library's version`, repo.dir);
  }
  const parents = current ? ((await isAncestor(ctx, main, current)) ? [current] : [current, main]) : [main];
  if (current && parents.length === 1 && proposed === (await folderTreeId(ctx, current, name))) {
    throw new SkillsmithError(`the candidate for skill "${name}" already holds exactly this content`, repo.dir);
  }
  const tree = await replaceFolderInTree(ctx, main, name, files);
  const oid = await repo.commitOffBranch(ctx, candidateRef(name), tree, parents, commitMessage('propose', name, reason), current);
  return toSkillVersion(oid, await repo.readCommit(ctx, oid));
}

/** Whether skill `name` has a candidate waiting on its branch. */
export async function hasCandidate(ctx: GitContext, name: string): Promise<boolean> {
  return (await readRef(ctx, candidateRef(name))) !== null;
}

export async function listCandidates(repo: LibraryRepo): Promise<SkillCandidate[]> {
  const ctx = repo.context();
  const main = await repo.tip(ctx);
  // `<ref>.lock` is git's lock file for a ref being written, never a branch (git forbids the name)
  const branches = (await git.listBranches({ ...ctx })).filter((b) => b.startsWith(BRANCH_PREFIX) && !b.endsWith('.lock')).sort();
  const candidates: SkillCandidate[] = [];
  for (const branch of branches) {
    const name = branch.slice(BRANCH_PREFIX.length);
    const tip = await git.resolveRef({ ...ctx, ref: `refs/heads/${branch}` });
    const version = toSkillVersion(tip, await repo.readCommit(ctx, tip));
    const base = await mergeBase(ctx, main, tip);
    const baseVersion = base ? ((await latestVersions(ctx, base, [name])).get(name)?.id ?? null) : null;
    candidates.push({ name, branch, version, reason: reasonOf(version.message, 'propose', name), baseVersion });
  }
  return candidates;
}

/** The candidate's folder and the commit it sits on, or a clear error when there is no candidate. */
export async function candidateContent(repo: LibraryRepo, ctx: GitContext, name: string): Promise<{ tip: string; files: FileSet }> {
  const tip = await readRef(ctx, candidateRef(name));
  if (!tip) throw new SkillsmithError(`no candidate for skill "${name}"`, repo.dir, 'see `skillsmith library candidates`');
  const files = await readFolderAt(ctx, tip, name);
  if (!files) throw new SkillsmithError(`the candidate branch ${candidateBranch(name)} has no folder "${name}"`, repo.dir);
  return { tip, files };
}

/**
 * Merges the candidate into the library: the skill's folder becomes the candidate's, in a merge commit on
 * the library branch. Refused when the library changed the skill after the candidate was based on it, since
 * accepting would silently drop that change.
 */
export async function acceptCandidate(repo: LibraryRepo, name: string): Promise<string> {
  const ctx = repo.context();
  const { tip, files } = await candidateContent(repo, ctx, name);
  const main = await repo.tip(ctx);
  const base = await mergeBase(ctx, main, tip);
  const baseFolder = base ? await folderTreeId(ctx, base, name) : null;
  if (baseFolder !== (await folderTreeId(ctx, main, name))) {
    throw new SkillsmithError(
      `skill "${name}" changed in the library after its candidate was proposed`,
      repo.dir,
      'propose the candidate again on top of the current version, or reject it',
    );
  }
  const reason = reasonOf((await repo.readCommit(ctx, tip)).message, 'propose', name);
  const oid = await repo.commitFolder(name, files, commitMessage('accept', name, reason), [tip]);
  await git.deleteBranch({ ...ctx, ref: candidateBranch(name) });
  return oid;
}

/** Deletes the candidate branch after recording the rejection and its reason under `refs/rejected/<skill>`. */
export async function rejectCandidate(repo: LibraryRepo, name: string, reason: string): Promise<CandidateRejection> {
  const ctx = repo.context();
  const { tip } = await candidateContent(repo, ctx, name);
  const previous = await readRef(ctx, rejectedRef(name));
  const { tree } = await repo.readCommit(ctx, tip);
  // first parent: the rejected candidate; second: the previous rejection, so every one stays reachable
  const parents = previous ? [tip, previous] : [tip];
  const oid = await repo.commitOffBranch(ctx, rejectedRef(name), tree, parents, commitMessage('reject', name, reason), previous);
  await git.deleteBranch({ ...ctx, ref: candidateBranch(name) });
  return toRejection(name, oid, await repo.readCommit(ctx, oid));
}

/** Every rejected candidate of skill `name`, newest first. */
export async function listRejections(repo: LibraryRepo, name: string): Promise<CandidateRejection[]> {
  const ctx = repo.context();
  const rejections: CandidateRejection[] = [];
  let oid = await readRef(ctx, rejectedRef(name));
  while (oid) {
    const commit = await repo.readCommit(ctx, oid);
    rejections.push(toRejection(name, oid, commit));
    oid = commit.parent[1] ?? null;
  }
  return rejections;
}

function toRejection(name: string, oid: string, commit: Awaited<ReturnType<LibraryRepo['readCommit']>>): CandidateRejection {
  const version = toSkillVersion(oid, commit);
  return { name, id: oid, date: version.date, reason: reasonOf(version.message, 'reject', name), candidate: commit.parent[0] };
}

async function mergeBase(ctx: GitContext, a: string, b: string): Promise<string | null> {
  const bases = await git.findMergeBase({ ...ctx, oids: [a, b] });
  return bases[0] ?? null;
}

async function isAncestor(ctx: GitContext, ancestor: string, of: string): Promise<boolean> {
  return ancestor === of || (await mergeBase(ctx, ancestor, of)) === ancestor;
}
