import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Links from a SKILL.md body to files of the skill (`references/x.md`, `scripts/run.py`, …). An agent
 * follows them relative to the skill folder, so a link to a missing file, or to one outside the folder
 * (which is not installed with the skill), is broken once the skill is installed elsewhere.
 */

const INLINE_LINK = /!?\[(?:[^[\]]|\[[^[\]]*\])*\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)/gm;
const HTML_ATTRIBUTE = /<(?:a|img|source|script|link)\b[^>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const CODE_SPAN = /(`+)((?:(?!\1)[\s\S])*?[^`])\1(?!`)/g;
// a code span that is nothing but a path into the folders the specification names, like `scripts/run.py`
const RESOURCE_PATH = /^(?:\.\/)?(?:scripts|references|assets)\/[^\s`]*[^\s`/]$/;

/**
 * Link targets in Markdown text, in order of appearance: links, images, reference definitions and HTML
 * href/src outside code, plus code spans that are just a path under scripts/, references/ or assets/
 * (the way most skills point at their files). Fenced code blocks are skipped.
 */
export function linkTargets(markdown: string): string[] {
  const withoutBlocks = blankFencedCode(markdown);
  const found: Array<{ at: number; target: string }> = [];
  for (const m of withoutBlocks.matchAll(CODE_SPAN)) {
    const path = m[2].trim();
    if (RESOURCE_PATH.test(path)) found.push({ at: m.index ?? 0, target: path });
  }
  const text = withoutBlocks.replace(CODE_SPAN, (m) => ' '.repeat(m.length));
  for (const m of text.matchAll(INLINE_LINK)) found.push({ at: m.index ?? 0, target: unwrap(m[1]) });
  for (const m of text.matchAll(REFERENCE_DEFINITION)) found.push({ at: m.index ?? 0, target: unwrap(m[1]) });
  for (const m of text.matchAll(HTML_ATTRIBUTE)) found.push({ at: m.index ?? 0, target: m[1] ?? m[2] ?? '' });
  return found.sort((a, b) => a.at - b.at).map((f) => f.target);
}

/** A link target as a path relative to the skill folder, or undefined when it is a URL or an anchor. */
export function localPath(target: string): string | undefined {
  const t = target.trim();
  if (t === '' || t.startsWith('#') || t.startsWith('//') || URL_SCHEME.test(t)) return undefined;
  const path = t.replace(/[?#].*$/, '');
  if (path === '') return undefined;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Warnings for links in `body` that point outside `dir` or to files that do not exist. */
export async function linkWarnings(body: string, dir: string): Promise<string[]> {
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const target of linkTargets(body)) {
    const path = localPath(target);
    if (path === undefined || seen.has(path)) continue;
    seen.add(path);
    const problem = await checkLink(path, dir);
    if (problem) warnings.push(`link "${target}" ${problem}`);
  }
  return warnings;
}

async function checkLink(path: string, dir: string): Promise<string | undefined> {
  if (path.startsWith('/') || path.startsWith('\\') || isAbsolute(path)) return 'is an absolute path; link to files inside the skill folder by relative path';
  const full = resolve(dir, path);
  if (isOutside(dir, full)) return 'points outside the skill folder';
  const exists = await stat(full).then(
    () => true,
    () => false,
  );
  if (!exists) return 'points to a file that does not exist in the skill folder';
  // a symbolic link inside the folder can still lead out of it
  const [realDir, realTarget] = await Promise.all([realpath(dir), realpath(full)]);
  if (isOutside(realDir, realTarget)) return 'points (through a symbolic link) outside the skill folder';
  return undefined;
}

function isOutside(dir: string, full: string): boolean {
  const rel = relative(dir, full);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

function unwrap(target: string): string {
  return target.startsWith('<') && target.endsWith('>') ? target.slice(1, -1) : target;
}

/** Replaces fenced code blocks with blank lines, keeping offsets roughly meaningful and links inside unseen. */
function blankFencedCode(markdown: string): string {
  const lines = markdown.split('\n');
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(lines[i]);
    if (fence === undefined) {
      if (opener) {
        fence = opener[1];
        lines[i] = '';
      }
    } else {
      const closes = opener !== null && opener[1][0] === fence[0] && opener[1].length >= fence.length && lines[i].trim() === opener[1];
      if (closes) fence = undefined;
      lines[i] = '';
    }
  }
  return lines.join('\n');
}
