import { SkillsmithError } from '../../errors';
import { nameFindings } from './names';
import { scanFiles } from './scan-folder';
import type { ScanFinding } from './types';

/**
 * The scan every write of a skill's files goes through: all its files, plus its name against the names the
 * library already has (an imitation is only visible beside the name it imitates).
 */
export function scanSkill(name: string, files: Iterable<[string, Uint8Array]>, knownNames: Iterable<string> = []): ScanFinding[] {
  const findings = scanFiles(files).findings;
  const byName = nameFindings(name, knownNames).filter((f) => !findings.some((g) => g.rule === f.rule && g.severity === f.severity && g.path === f.path));
  return [...byName, ...findings];
}

/** Throws, naming the rules and places, when `findings` hold a high-severity one; `what` (may be empty) leads the message. */
export function refuseHighFindings(findings: readonly ScanFinding[], where: string, what: string, hint: string): void {
  const high = findings.filter((f) => f.severity === 'high');
  if (high.length === 0) return;
  const places = high.slice(0, 3).map((f) => `${f.rule} at ${f.path}:${f.line}`).join('; ');
  throw new SkillsmithError(`${what ? `${what}: ` : ''}the injection scan found ${high.length} high-severity problem${high.length === 1 ? '' : 's'}: ${places}`, where, hint);
}
