import git from 'isomorphic-git';
import { flatFrontmatter } from '../skillmd/flat-frontmatter';
import { frontmatterYaml, parseSkillMd } from '../skillmd/parse';
import { SKILL_MD_NAMES } from '../skillmd/types';
import type { GitContext } from './objects';

/**
 * The `description` of a skill's SKILL.md at a commit, or '' when it cannot be read: a listing shows
 * every skill even if one SKILL.md went bad.
 */
export async function descriptionAt(ctx: GitContext, commit: string, name: string): Promise<string> {
  for (const file of SKILL_MD_NAMES) {
    const text = await readTextAt(ctx, commit, `${name}/${file}`);
    if (text === undefined) continue;
    try {
      const { description } = parseSkillMd(text, `${name}/${file}`).data;
      return typeof description === 'string' ? description.trim() : '';
    } catch {
      return '';
    }
  }
  return '';
}

/**
 * The same, for a skill folder whose tree id is already known: reads the folder's own small tree and the blob
 * by id, instead of resolving a path from the root tree (which, with thousands of skills, is read per skill).
 */
export async function descriptionInFolder(ctx: GitContext, folderTree: string, name: string): Promise<string> {
  let entries: Awaited<ReturnType<typeof git.readTree>>['tree'];
  try {
    entries = (await git.readTree({ ...ctx, oid: folderTree })).tree;
  } catch {
    return '';
  }
  for (const file of SKILL_MD_NAMES) {
    const entry = entries.find((e) => e.path === file && e.type === 'blob');
    if (!entry) continue;
    try {
      const { blob } = await git.readBlob({ ...ctx, oid: entry.oid });
      return descriptionOfSkillMd(blob, `${name}/${file}`);
    } catch {
      return '';
    }
  }
  return '';
}

/** The `description` of a SKILL.md's bytes, or '' when it has none or cannot be parsed. */
export function descriptionOfSkillMd(bytes: Uint8Array, where: string): string {
  try {
    const text = Buffer.from(bytes).toString('utf8');
    const flat = flatFrontmatter(frontmatterYaml(text, where));
    const description = flat ? flat.get('description') : parseSkillMd(text, where).data.description;
    return typeof description === 'string' ? description.trim() : '';
  } catch {
    return '';
  }
}

async function readTextAt(ctx: GitContext, commit: string, filepath: string): Promise<string | undefined> {
  try {
    const { blob } = await git.readBlob({ ...ctx, oid: commit, filepath });
    return Buffer.from(blob).toString('utf8');
  } catch {
    return undefined;
  }
}
