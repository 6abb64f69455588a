import git, { TREE, type WalkerEntry } from 'isomorphic-git';
import { SKILL_MD_NAMES } from '../skillmd/types';
import type { GitContext } from './objects';
import { descriptionInFolder, descriptionOfSkillMd } from './skill-description';

/** Reads in flight at once: enough to overlap file reads, few enough to stay far from the open-file limit. */
const CONCURRENCY = 16;

/**
 * The descriptions of the skill folders `folders` (name to tree id) of the root tree of `commit`, where
 * `total` folders are. A git call per folder costs more than the read itself, so when most folders are wanted
 * the whole tree is walked once instead. A folder without a readable SKILL.md gets '' (a listing shows every
 * skill even if one SKILL.md went bad).
 */
export async function folderDescriptions(ctx: GitContext, commit: string, folders: ReadonlyMap<string, string>, total: number): Promise<Map<string, string>> {
  if (folders.size === 0) return new Map();
  if (folders.size * 4 < total) {
    const names = [...folders.keys()];
    const found = await inBatches(names, (name) => descriptionInFolder(ctx, folders.get(name)!, name));
    return new Map(names.map((name, i) => [name, found[i]!]));
  }
  return walkDescriptions(ctx, commit, folders);
}

/** One walk of the commit's tree; only the wanted folders and their SKILL.md are read. */
async function walkDescriptions(ctx: GitContext, commit: string, folders: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const texts = new Map<string, Map<string, Uint8Array>>();
  await git.walk({
    ...ctx,
    trees: [TREE({ ref: commit })],
    map: async (path, [entry]) => {
      const slash = path.indexOf('/');
      if (slash === -1 || !entry) return path === '.' || folders.has(path) ? true : null;
      const file = path.slice(slash + 1);
      if (isSkillMdName(file) && (await entry.type()) === 'blob') await keepText(texts, path.slice(0, slash), file, entry);
      return null;
    },
    iterate: (walk, children) => inBatches([...children], walk),
    reduce: async () => undefined,
  });
  return new Map([...folders.keys()].map((name) => [name, descriptionOf(name, texts.get(name))]));
}

function isSkillMdName(file: string): boolean {
  return (SKILL_MD_NAMES as readonly string[]).includes(file);
}

async function keepText(texts: Map<string, Map<string, Uint8Array>>, folder: string, file: string, entry: WalkerEntry): Promise<void> {
  const bytes = await entry.content();
  if (!bytes) return;
  const files = texts.get(folder) ?? new Map<string, Uint8Array>();
  files.set(file, bytes);
  texts.set(folder, files);
}

function descriptionOf(name: string, files: Map<string, Uint8Array> | undefined): string {
  // the first name in SKILL_MD_NAMES that is present decides, as when the folder is read on its own
  const file = SKILL_MD_NAMES.find((f) => files?.has(f));
  return file ? descriptionOfSkillMd(files!.get(file)!, `${name}/${file}`) : '';
}

async function inBatches<T, R>(items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
