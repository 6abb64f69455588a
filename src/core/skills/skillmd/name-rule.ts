/**
 * The specification's rule for a skill's name, in one place for everything that checks one: the SKILL.md
 * validator, the webview protocol (bundled into the pages, so this file imports nothing) and the documents
 * the editor opens. Letters and digits of any script count, like Python's `str.isalnum()` in the reference
 * validator: `café-tips` and `部署` are names.
 */

/** The longest name, in Unicode code points. */
export const SKILL_NAME_MAX = 64;

/** The name as it is compared and reported: trimmed and NFKC-normalized. */
export function normalizeName(name: string): string {
  return name.trim().normalize('NFKC');
}

/** What is wrong with a name (after normalizing), one message each; none for a valid name. */
export function skillNameProblems(raw: string): string[] {
  const name = normalizeName(raw);
  if (name === '') return ['name must not be empty'];
  const problems: string[] = [];
  const length = [...name].length;
  if (length > SKILL_NAME_MAX) problems.push(`name "${name}" is ${length} characters, over the ${SKILL_NAME_MAX}-character limit`);
  if (name !== name.toLowerCase()) problems.push(`name "${name}" must be lowercase`);
  if (name.startsWith('-') || name.endsWith('-')) problems.push(`name "${name}" must not start or end with a hyphen`);
  if (name.includes('--')) problems.push(`name "${name}" must not contain consecutive hyphens`);
  if (!/^[\p{L}\p{N}-]*$/u.test(name)) problems.push(`name "${name}" has invalid characters: only letters, digits and hyphens are allowed`);
  return problems;
}

/**
 * True for a name the validator accepts. Such a name is always one plain path segment: ASCII stays as it
 * is under NFKC, so a `/`, `\` or `.` in the raw text fails the character rule.
 */
export function isSkillName(raw: string): boolean {
  return skillNameProblems(raw).length === 0;
}
