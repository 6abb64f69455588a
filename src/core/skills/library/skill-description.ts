import git from 'isomorphic-git';
import { parseSkillMd } from '../skillmd/parse';
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

async function readTextAt(ctx: GitContext, commit: string, filepath: string): Promise<string | undefined> {
  try {
    const { blob } = await git.readBlob({ ...ctx, oid: commit, filepath });
    return Buffer.from(blob).toString('utf8');
  } catch {
    return undefined;
  }
}
