import MarkdownIt from 'markdown-it';

/**
 * SKILL.md bodies rendered as CommonMark. Raw HTML is not passed through (`html: false` escapes it) and
 * markdown-it refuses javascript:, vbscript:, file: and non-image data: links; the page then runs DOMPurify
 * over the result as a second guard, and the CSP allows no inline script in any case.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function renderMarkdown(text: string): string {
  return md.render(text);
}

/** The body of a SKILL.md without its YAML front matter (shown as metadata instead). */
export function bodyOf(skillMd: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(skillMd);
  return m ? skillMd.slice(m[0].length) : skillMd;
}
