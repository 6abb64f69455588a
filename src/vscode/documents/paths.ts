import { isSkillName } from '../../core/skills/skillmd/name-rule';

/**
 * The paths of `skillsmith:` documents. Read-only, and each names exactly what it shows, so a document never
 * changes under the reader: a skill file at a commit (`/version/…` or, on a candidate branch, `/candidate/…`),
 * nothing (`/empty/…`, the left side of a new skill's diff), a stored session, the token usage report.
 */
export type DocTarget =
  | { kind: 'version' | 'candidate'; skill: string; version: string; file: string }
  | { kind: 'empty'; skill: string; file: string }
  | { kind: 'session'; key: string }
  | { kind: 'usage' };

const VERSION = /^[0-9a-f]{4,40}$/;

export function docPath(t: DocTarget): string {
  switch (t.kind) {
    case 'version':
    case 'candidate':
      return `/${t.kind}/${t.skill}/${t.version}/${t.file}`;
    case 'empty':
      return `/empty/${t.skill}/${t.file}`;
    case 'session':
      return `/session/${encodeURIComponent(t.key)}.md`;
    case 'usage':
      return '/token-usage.md';
  }
}

/** The target of a path, or undefined for a path no Skillsmith document has. */
export function parseDocPath(path: string): DocTarget | undefined {
  const parts = path.split('/').slice(1);
  const [kind, skill, third] = parts;
  if ((kind === 'version' || kind === 'candidate') && parts.length >= 4 && isSkillName(skill!) && VERSION.test(third!)) {
    return { kind, skill: skill!, version: third!, file: parts.slice(3).join('/') };
  }
  if (kind === 'empty' && parts.length >= 3 && isSkillName(skill!)) return { kind, skill: skill!, file: parts.slice(2).join('/') };
  if (kind === 'session' && parts.length === 2 && skill!.endsWith('.md')) {
    try {
      return { kind, key: decodeURIComponent(skill!.slice(0, -3)) };
    } catch {
      return undefined;
    }
  }
  if (kind === 'token-usage.md' && parts.length === 1) return { kind: 'usage' };
  return undefined;
}
