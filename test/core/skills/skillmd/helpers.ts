import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A SKILL.md with the given frontmatter lines and body. */
export function skillText(frontmatter: string, body = '# Skill\n\nDo the thing.\n'): string {
  return `---\n${frontmatter.replace(/\n?$/, '\n')}---\n${body}`;
}

/** Creates `root/folder` with SKILL.md (or another file name) and extra files; returns the folder path. */
export function makeSkill(root: string, folder: string, text: string, opts: { file?: string; files?: Record<string, string> } = {}): string {
  const dir = join(root, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, opts.file ?? 'SKILL.md'), text);
  for (const [rel, content] of Object.entries(opts.files ?? {})) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

/** A description that says what and when, so tests of other rules get no trigger warning. */
export const GOOD_DESCRIPTION = 'Formats release notes. Use when the user asks for a changelog.';
