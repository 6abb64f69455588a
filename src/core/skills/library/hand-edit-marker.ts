import { isPlainObject, parseSkillMd } from '../skillmd/parse';
import { SKILL_MD_NAMES } from '../skillmd/types';
import { updateSkillMd } from '../skillmd/write';
import type { FileSet } from './skill-files';

/*
 * How a version a person wrote is marked. The library writes such versions itself when it keeps an
 * unrecorded edit before a write (see keep-hand-edit.ts), and the hand-edit absorber writes them too, so
 * the marker lives here, below both.
 */

/**
 * `metadata.skillsmith-engine` of a version a person wrote by hand. The offline engine only rewrites its
 * own drafts (`offline`), and the model-backed engine keeps a hand-edited text (see distill/llm/revise.ts).
 */
export const HAND_EDIT_ENGINE = 'user';
export const ENGINE_KEY = 'skillsmith-engine';
/** Marks a machine draft; a person's edit is no longer one. */
const DRAFT_KEY = 'skillsmith-draft';

/** The subject of a version recorded from an edit in the library's own folder. */
export const LIBRARY_HAND_EDIT_SUBJECT = 'hand edit by the user in the library folder';

/** The user's version marked as a hand edit; files whose frontmatter cannot be edited stay as they are. */
export function markedAsHandEdit(files: FileSet): FileSet {
  const out: FileSet = new Map(files);
  const md = SKILL_MD_NAMES.find((p) => files.has(p));
  if (!md) return out;
  const text = Buffer.from(files.get(md)!.bytes).toString('utf8');
  try {
    const metadata = parseSkillMd(text, md).data.metadata;
    if (metadata !== undefined && metadata !== '' && !isPlainObject(metadata)) return out;
    const current = isPlainObject(metadata) ? metadata : {};
    const next = Object.fromEntries(Object.entries(current).filter(([k]) => k !== DRAFT_KEY));
    next[ENGINE_KEY] = HAND_EDIT_ENGINE;
    out.set(md, { ...files.get(md)!, bytes: new TextEncoder().encode(updateSkillMd(text, { set: { metadata: next } }, md)) });
  } catch {
    // an unparsable SKILL.md is left exactly as the user wrote it
  }
  return out;
}

/** True when a SKILL.md text says a person wrote this version. */
export function isHandEditText(text: string): boolean {
  try {
    const metadata = parseSkillMd(text, 'SKILL.md').data.metadata;
    return isPlainObject(metadata) && metadata[ENGINE_KEY] === HAND_EDIT_ENGINE;
  } catch {
    return false;
  }
}
