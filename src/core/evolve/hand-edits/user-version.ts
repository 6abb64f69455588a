import type { FileSet } from '../../skills/library/skill-files';
import { skillMdPath } from '../../skills/install/materialize';
import { stripVersionMarker } from '../../skills/install/version-marker';
import { parseSkillMd } from '../../skills/skillmd/parse';

// the marker itself lives with the library, which also writes hand-edit versions
export { HAND_EDIT_ENGINE, isHandEditText, markedAsHandEdit } from '../../skills/library/hand-edit-marker';

/**
 * The files of an edited install as the user's version: without the version marker. When the user left
 * the frontmatter as it was installed, the library's own frontmatter bytes come back exactly; otherwise
 * the marker is taken out of whatever the user wrote.
 */
export function withoutMarker(edited: FileSet, installed: FileSet, base: FileSet): FileSet {
  const out: FileSet = new Map(edited);
  const md = skillMdPath(edited);
  if (!md) return out;
  const text = utf8(edited.get(md)!.bytes);
  const before = installed.get(md);
  const original = base.get(md);
  const restored = before && original ? restoreFrontmatter(text, utf8(before.bytes), utf8(original.bytes)) : undefined;
  out.set(md, { ...edited.get(md)!, bytes: encode(stripVersionMarker(restored ?? text, md)) });
  return out;
}

/**
 * True when every non-blank line of the user's body is still in the new body, in the same order (lines
 * may be added between them). Whitespace at the ends of a line does not count.
 */
export function keepsUserText(userBody: string, newBody: string): boolean {
  const wanted = lines(userBody);
  const have = lines(newBody);
  let at = 0;
  for (const line of have) if (at < wanted.length && line === wanted[at]) at++;
  return at === wanted.length;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

function restoreFrontmatter(edited: string, installed: string, original: string): string | undefined {
  const [e, i, o] = [headOf(edited), headOf(installed), headOf(original)];
  if (e === undefined || i === undefined || o === undefined || e !== i) return undefined;
  return o + edited.slice(e.length);
}

/** The frontmatter through its closing `---` line. */
function headOf(text: string): string | undefined {
  try {
    return text.slice(0, parseSkillMd(text, 'SKILL.md').span.bodyStart);
  } catch {
    return undefined;
  }
}

function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
