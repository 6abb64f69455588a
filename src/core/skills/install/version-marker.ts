import { isPlainObject, parseSkillMd } from '../skillmd/parse';
import { updateSkillMd } from '../skillmd/write';

/**
 * The version marker an installed SKILL.md carries, so that a transcript of a session that loaded the
 * skill shows which version it saw. It is written twice:
 *  - `metadata.skillsmith-version` in the frontmatter, which a read of the file shows (Codex and Copilot
 *    read SKILL.md whole; `head` of the file shows it too);
 *  - an HTML comment as the first body line, because Claude Code's Skill tool puts only the body into the
 *    conversation, not the frontmatter.
 * The library never holds it: `stripVersionMarker` removes both before an edited copy is recorded.
 */
export const MARKER_KEY = 'skillsmith-version';

/** Reads `skillsmith-version: <hex>` with or without quotes, and the `skill: <name>` the comment adds. */
const MARKER_PATTERN = /skillsmith-version:\s*["']?([0-9a-f]{7,40})\b["']?(?:[ \t]+skill:[ \t]*([^\s>]+))?/gi;
const COMMENT_LINE = /^<!-- skillsmith-version: [0-9a-f]{7,40} skill: [^\s>]+ -->[ \t]*(?:\r?\n|$)/gm;
const METADATA_LINE = /^[ \t]*skillsmith-version:[^\r\n]*(?:\r?\n|$)/gm;

export interface MarkerSighting {
  version: string;
  /** Present when the sighting is the body comment, which names its skill. */
  skill?: string;
}

/** Every marker in a text (a tool's output, say), in order; lowercase versions. */
export function findVersionMarkers(text: string): MarkerSighting[] {
  const out: MarkerSighting[] = [];
  for (const m of text.matchAll(MARKER_PATTERN)) {
    out.push(m[2] ? { version: m[1].toLowerCase(), skill: m[2] } : { version: m[1].toLowerCase() });
  }
  return out;
}

/**
 * SKILL.md text with the marker for `skill` at `version`. A skill whose `metadata` is not a mapping (the
 * validator refuses those, so only a foreign file) gets the body comment alone.
 */
export function addVersionMarker(text: string, skill: string, version: string, where = `${skill}/SKILL.md`): string {
  const clean = stripVersionMarker(text, where);
  const parsed = parseSkillMd(clean, where);
  const metadata = parsed.data.metadata;
  let marked = clean;
  if (metadata === undefined || metadata === '' || isPlainObject(metadata)) {
    const current = isPlainObject(metadata) ? metadata : {};
    marked = updateSkillMd(clean, { set: { metadata: { ...current, [MARKER_KEY]: version } } }, where);
  }
  const body = parseSkillMd(marked, where);
  const comment = `<!-- ${MARKER_KEY}: ${version} skill: ${skill} -->${body.eol}`;
  return marked.slice(0, body.span.bodyStart) + comment + marked.slice(body.span.bodyStart);
}

/**
 * The text without any version marker: the body comment wherever it ended up, and the metadata key (the
 * whole `metadata` field when the key was all it held, as it is when Skillsmith added the field). Text
 * whose frontmatter no longer parses loses the marker lines as plain text.
 */
export function stripVersionMarker(text: string, where = 'SKILL.md'): string {
  let parsed;
  try {
    parsed = parseSkillMd(text, where);
  } catch {
    return text.replace(COMMENT_LINE, '').replace(METADATA_LINE, '');
  }
  const head = text.slice(0, parsed.span.bodyStart);
  const body = text.slice(parsed.span.bodyStart).replace(COMMENT_LINE, '');
  const metadata = parsed.data.metadata;
  if (!isPlainObject(metadata) || !(MARKER_KEY in metadata)) return head + body;
  const rest = Object.fromEntries(Object.entries(metadata).filter(([k]) => k !== MARKER_KEY));
  const change = Object.keys(rest).length === 0 ? { remove: ['metadata'] } : { set: { metadata: rest } };
  try {
    return updateSkillMd(head + body, change, where);
  } catch {
    // a frontmatter the editor cannot change in place still loses the line
    return head.replace(METADATA_LINE, '') + body;
  }
}

/** True when a SKILL.md text carries a marker of either kind. */
export function hasVersionMarker(text: string): boolean {
  return findVersionMarkers(text).length > 0;
}
