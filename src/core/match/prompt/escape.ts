/** Escaping for skill text placed inside the prompt's XML-like frame. */

/** For attribute values: nothing in them can end the attribute or the tag. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/[\r\n]+/g, ' ');
}

/** For text from a skill that is not trusted: no markup survives, so it can neither close the frame nor open a new one. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// the frame's own tags; a trusted skill keeps its markup, except these
const FRAME_TAG = /<(\s*\/?\s*(?:available_skills|skill|instructions|description|files|other_skills)\b)/gi;

/** For a trusted skill's text: markup kept, the frame's own tags defused. */
export function defuseFrameTags(text: string): string {
  return text.replace(FRAME_TAG, '&lt;$1');
}
