import type { SqlRunner } from '../../store/statements';
import { TrustStore, type SkillRef } from '../../match/trust/trust-store';
import type { ScanFinding } from './types';

/**
 * Quarantine, as the store keeps it: a `skill_quarantine` row per skill version with the reason, the
 * findings and (for a draft that was never committed) the text itself. While the row is unreleased the
 * version's trust level is `quarantined`: `isQuarantined` is true, installing it needs an explicit override,
 * and prompts name it without its instructions. A person releases it by setting its trust level
 * (`skillsmith trust SKILL --level verified --reason …`).
 */

/** One line saying why: the high-severity rules and where they matched. */
export function quarantineReason(findings: readonly ScanFinding[]): string {
  const high = findings.filter((f) => f.severity === 'high');
  const where = high.slice(0, 3).map((f) => `${f.rule} at ${f.path}:${f.line}`);
  const more = high.length > 3 ? ` and ${high.length - 3} more` : '';
  return `injection scan: ${high.length} high-severity finding${high.length === 1 ? '' : 's'} (${where.join(', ')}${more})`;
}

/** Quarantines `ref` when `findings` hold a high-severity one; says whether it did. */
export function quarantineOnHighFindings(db: SqlRunner, ref: SkillRef, findings: readonly ScanFinding[], content?: string): boolean {
  if (!findings.some((f) => f.severity === 'high')) return false;
  new TrustStore(db).quarantine(ref, { reason: quarantineReason(findings), findings: [...findings], ...(content !== undefined ? { content } : {}) });
  return true;
}

export { isQuarantined } from '../../match/trust/trust-store';
