import { SkillsmithError } from '../../errors';

/** The kinds of change the library records; each commit message starts `<kind>(<skill>): `. */
export type ChangeKind = 'add' | 'update' | 'remove' | 'revert' | 'propose' | 'accept' | 'reject';

/** `kind(skill): first line of why`, with any further lines of the reason as the message body. */
export function commitMessage(kind: ChangeKind, skill: string, why: string): string {
  const [subject, ...rest] = why.trim().split(/\r?\n/);
  const body = rest.join('\n').trim();
  return `${kind}(${skill}): ${subject.trim()}${body ? `\n\n${body}` : ''}`;
}

/** The reason part of a message written by `commitMessage` (the whole message when it has another shape). */
export function reasonOf(message: string, kind: ChangeKind, skill: string): string {
  const text = message.trim();
  const prefix = `${kind}(${skill}): `;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/** A reason is required for changes a person will later want to understand. */
export function requireReason(reason: string | undefined, what: string): string {
  const r = reason?.trim();
  if (!r) throw new SkillsmithError(`a reason is required to ${what}`);
  return r;
}

/** What every command says about a skill that exists only as a draft (a candidate for a new skill). */
export function draftMessage(name: string): string {
  return `"${name}" is a draft awaiting review: \`skillsmith library accept ${name}\``;
}

export function draftAwaitingReview(name: string, libraryDir: string): SkillsmithError {
  return new SkillsmithError(draftMessage(name), libraryDir, `read it first with \`skillsmith library show ${name}\`, or reject it with \`skillsmith library reject ${name} --reason …\``);
}
