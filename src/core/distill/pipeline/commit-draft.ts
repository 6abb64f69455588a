import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SkillsmithError } from '../../errors';
import { findSecrets } from '../../redact';
import { hashSkillFiles } from '../../match/registry/content-hash';
import type { SkillLibrary } from '../../skills/library/library';
import { quarantineOnHighFindings, quarantineReason } from '../../skills/scan/quarantine';
import { scanText } from '../../skills/scan/scan-text';
import { hasHighSeverity } from '../../skills/scan/types';
import type { SqlRunner } from '../../store/statements';
import { renderSkillMd } from '../../skills/skillmd/write';
import { validateSkillText } from '../../skills/skillmd/validate';
import type { SkillDraft } from '../offline/draft';

export interface CommittedDraft {
  name: string;
  version: string;
  /** False when an identical candidate was already there (a resumed run), so nothing was committed. */
  committed: boolean;
}

/** The SKILL.md text of a draft: its workflow is kept in metadata so retrieval can check it later. */
export function renderDraft(draft: SkillDraft): string {
  const metadata: Record<string, string> = { ...draft.metadata };
  if (draft.evidence.sequence.length) metadata['skillsmith-workflow'] = draft.evidence.sequence.join(' > ');
  return renderSkillMd({ name: draft.name, description: draft.description, metadata }, draft.body);
}

/**
 * Proposes a draft as the candidate version of its skill. Nothing half-made reaches the library: the text
 * must pass the validator and hold no secret, or the draft is refused with the reason. An identical
 * candidate already on the branch is reused, which is what makes a killed run safe to repeat.
 *
 * A draft the injection scanner finds a high-severity problem in is quarantined instead: it is not
 * proposed, and with a `store` its text and findings are kept there (`skill_quarantine`, version
 * `sha256:` + its content hash) for a person to look at.
 */
export async function commitDraft(library: SkillLibrary, draft: SkillDraft, reason: string, options: { store?: SqlRunner } = {}): Promise<CommittedDraft> {
  const text = renderDraft(draft);
  const report = validateSkillText(text, draft.name, `draft ${draft.name}`);
  if (!report.valid) throw new SkillsmithError(`draft is not a valid skill: ${report.errors.join('; ')}`, `skill ${draft.name}`);
  const secrets = findSecrets(text);
  if (secrets.length) throw new SkillsmithError(`draft contains a secret (${secrets[0].type}); not written`, `skill ${draft.name}`);
  const findings = scanText(text, 'SKILL.md');
  if (hasHighSeverity(findings)) {
    const version = `sha256:${hashSkillFiles([{ path: 'SKILL.md', bytes: new TextEncoder().encode(text), executable: false }]).slice(0, 12)}`;
    if (options.store) quarantineOnHighFindings(options.store, { skill: draft.name, version }, findings, text);
    throw new SkillsmithError(`draft quarantined, not proposed: ${quarantineReason(findings)}`, `skill ${draft.name}`);
  }

  const existing = (await library.listCandidates()).find((c) => c.name === draft.name);
  if (existing) {
    const snapshot = await library.show(draft.name, existing.version.id);
    if (snapshot.files['SKILL.md'] === text) return { name: draft.name, version: existing.version.id, committed: false };
  }
  const dir = await mkdtemp(join(tmpdir(), 'skillsmith-draft-'));
  try {
    const folder = join(dir, draft.name);
    await mkdir(folder);
    await writeFile(join(folder, 'SKILL.md'), text);
    const version = await library.proposeCandidate(draft.name, folder, reason);
    return { name: draft.name, version: version.id, committed: true };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A commit message body that says where a version came from. */
export function provenanceReason(kind: 'new skill' | 'revision', draft: SkillDraft, engine: string): string {
  const e = draft.evidence;
  return [
    `${kind} drafted by the ${engine} engine from ${e.occurrences} requests in ${e.sessions.length} sessions`,
    '',
    `Sessions: ${e.sessions.join(', ')}`,
    `Atoms: ${e.atoms.join(', ')}`,
  ].join('\n');
}

/** The atoms a commit message written from `provenanceReason` names; none for any other message. */
export function atomsOfReason(reason: string): string[] {
  const line = reason.split('\n').find((l) => l.startsWith('Atoms: '));
  return line ? line.slice('Atoms: '.length).split(', ').filter(Boolean) : [];
}
