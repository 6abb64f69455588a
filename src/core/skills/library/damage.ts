import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Errors } from 'isomorphic-git';
import { SkillsmithError } from '../../errors';

/** Branches Skillsmith keeps beside the library branch; HEAD never points at one of them. */
const SIDE_BRANCHES = ['candidate/', 'user-staging/'];
const PREFERRED_BRANCH = 'main';

/**
 * Puts back a `.git/HEAD` that is missing or unreadable, pointing it at the library branch found among the
 * branch refs (`main`, or the only other branch that is not a candidate). Returns what it did, for the user;
 * undefined when HEAD was fine. Throws, naming the library and the command to run, when the branch is unclear.
 */
export async function repairHead(dir: string): Promise<string | undefined> {
  const gitdir = join(dir, '.git');
  const head = await readFile(join(gitdir, 'HEAD'), 'utf8').catch(() => undefined);
  if (head !== undefined && /^(ref: refs\/\S+|[0-9a-f]{40})\s*$/.test(head)) return undefined;
  const what = head === undefined ? 'missing' : 'unreadable';
  const branches = (await branchNames(gitdir)).filter((b) => !SIDE_BRANCHES.some((p) => b.startsWith(p)));
  const branch = branches.includes(PREFERRED_BRANCH) ? PREFERRED_BRANCH : branches.length === 1 ? branches[0] : undefined;
  if (!branch) {
    const example = branches[0] ?? PREFERRED_BRANCH;
    throw new SkillsmithError(
      `the library's .git/HEAD is ${what} and ${branches.length === 0 ? 'no branch holds the library' : `the library branch is one of ${branches.join(', ')}`}`,
      dir,
      `point HEAD at the library branch: \`git -C "${dir}" symbolic-ref HEAD refs/heads/${example}\``,
    );
  }
  await writeFile(join(gitdir, 'HEAD'), `ref: refs/heads/${branch}\n`);
  return `${dir}: the library's .git/HEAD was ${what}; pointed it at refs/heads/${branch} again`;
}

async function branchNames(gitdir: string): Promise<string[]> {
  const names = new Set<string>();
  const root = join(gitdir, 'refs', 'heads');
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.isFile() && !entry.name.endsWith('.lock')) names.add(relative(root, p).split(sep).join('/'));
    }
  };
  await walk(root);
  const packed = await readFile(join(gitdir, 'packed-refs'), 'utf8').catch(() => '');
  for (const m of packed.matchAll(/^[0-9a-f]{40} refs\/heads\/(\S+)$/gm)) names.add(m[1]);
  return [...names].sort();
}

/**
 * The error to show for one a git read threw: damage to the repository (an object that cannot be inflated,
 * parsed, or found) becomes an error naming the library and the ways out; anything else is returned as it is.
 */
export function asLibraryDamage(e: unknown, dir: string): unknown {
  if (e instanceof SkillsmithError || !isDamage(e)) return e;
  const detail = e instanceof Errors.NotFoundError ? `could not find object ${(e.data as { what?: string }).what ?? ''}`.trim() : (e as Error).message;
  return new SkillsmithError(
    `the skill library's git repository is damaged (${detail})`,
    dir,
    `see what is damaged with \`git -C "${dir}" fsck --full\`; restore the folder from a backup or a clone of its remote, or move it aside with \`mv "${dir}" "${dir}.damaged"\` and run \`skillsmith library init\` for a new library (your installed skills stay where they are)`,
  );
}

function isDamage(e: unknown): boolean {
  if (e instanceof Errors.DecompressionError || e instanceof Errors.ObjectTypeError || e instanceof Errors.ParseError || e instanceof Errors.InternalError) return true;
  // a ref that is gone is a normal answer inside the library; an object that is gone is damage
  return e instanceof Errors.NotFoundError && /^[0-9a-f]{40}$/.test(String((e.data as { what?: string }).what ?? ''));
}
