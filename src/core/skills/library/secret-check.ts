import { createHash } from 'node:crypto';
import { SkillsmithError } from '../../errors';
import { findSecrets, type SecretType } from '../../redact';
import { parseSkillMd } from '../skillmd/parse';
import { SKILL_MD_NAMES } from '../skillmd/types';
import type { FileSet } from './skill-files';

/**
 * No secret is committed to the library or installed into an agent unless the user said it is meant (a fake
 * key in a tutorial skill). The same detector as ingest; a refusal names the file, the line and the kind of
 * secret, never the secret. The override names a secret by its fingerprint (or a whole kind) in the SKILL.md
 * front matter (`metadata: skillsmith-allowed-fingerprints: "<fingerprint> …"`) or with `library add --allow-secret`,
 * which records it in the commit as an `Allowed-Secret:` trailer.
 */
export interface SecretHit {
  path: string;
  line: number;
  kind: SecretType;
  /** The first 12 hex digits of the secret's SHA-256: names it without showing it. */
  fingerprint: string;
}

export const ALLOW_SECRETS_FIELD = 'skillsmith-allowed-fingerprints';
export const ALLOWED_SECRET_TRAILER = 'Allowed-Secret';

/** Every secret in the text files of a skill (a file with a NUL byte is binary and not text anyone reads). */
export function secretsInFiles(files: FileSet): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const [path, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (file.bytes.includes(0)) continue;
    const text = Buffer.from(file.bytes).toString('utf8');
    for (const f of findSecrets(text)) {
      hits.push({ path, line: lineAt(text, f.start), kind: f.type, fingerprint: fingerprintOf(text.slice(f.start, f.end)) });
    }
  }
  return hits;
}

export function fingerprintOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}

/** The fingerprints and kinds the skill's own SKILL.md allows. */
export function allowedInFrontmatter(files: FileSet): string[] {
  const md = SKILL_MD_NAMES.find((p) => files.has(p));
  if (!md) return [];
  try {
    const { data } = parseSkillMd(Buffer.from(files.get(md)!.bytes).toString('utf8'), md);
    const metadata = data.metadata as Record<string, unknown> | undefined;
    const value = metadata?.[ALLOW_SECRETS_FIELD];
    return typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
  } catch {
    return [];
  }
}

/** The fingerprints and kinds a commit message's `Allowed-Secret:` trailers allow. */
export function allowedInMessage(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(new RegExp(`^${ALLOWED_SECRET_TRAILER}: *(\\S+) +(\\S+)`, 'gm'))) out.push(m[2]!);
  return out;
}

/**
 * Refuses files holding a secret that is not allowed, saying where each is. Returns the allowed ones, for
 * the caller to record with the version (`allowedSecretTrailers`).
 */
export function refuseSecrets(files: FileSet, where: string, allow: readonly string[] = []): SecretHit[] {
  const allowed = new Set([...allow, ...allowedInFrontmatter(files)]);
  const hits = secretsInFiles(files);
  const refused = hits.filter((h) => !allowed.has(h.fingerprint) && !allowed.has(h.kind));
  if (refused.length > 0) {
    const list = refused.slice(0, 5).map((h) => `${h.path}:${h.line} ${h.kind} (fingerprint ${h.fingerprint})`).join('; ');
    const more = refused.length > 5 ? ` and ${refused.length - 5} more` : '';
    throw new SkillsmithError(
      `it holds ${refused.length === 1 ? 'a secret' : `${refused.length} secrets`}: ${list}${more}; not recorded`,
      where,
      'replace each with a placeholder such as <your-api-key>; if one is a fake on purpose, allow it by its fingerprint: `library add --allow-secret FINGERPRINT` or `metadata: ' +
        `${ALLOW_SECRETS_FIELD}: "FINGERPRINT"\` in SKILL.md`,
    );
  }
  return hits;
}

/** `Allowed-Secret: <kind> <fingerprint> <path>:<line>`, one line per allowed secret (empty when none). */
export function allowedSecretTrailers(hits: readonly SecretHit[]): string {
  if (hits.length === 0) return '';
  return `\n\n${hits.map((h) => `${ALLOWED_SECRET_TRAILER}: ${h.kind} ${h.fingerprint} ${h.path}:${h.line}`).join('\n')}`;
}

function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
