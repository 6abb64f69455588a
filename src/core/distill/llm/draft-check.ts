import { findSecrets } from '../../redact';
import { scanText } from '../../skills/scan/scan-text';
import { saysWhenToUse } from '../../skills/skillmd/trigger';
import { validateSkillText } from '../../skills/skillmd/validate';
import type { SkillDraft } from '../offline/draft';
import { renderDraft } from '../pipeline/commit-draft';
import { commandsInMarkdown, programsOf, unsupportedCommands } from './commands';

/** What a written skill may name: the evidence's commands and files (plus, for a revision, the skill's own). */
export interface Allowed {
  commands: string[];
  files: ReadonlySet<string>;
}

export interface DraftProblems {
  /** The draft must not be written while any of these holds. */
  blocking: string[];
  /** Worth one repair round, but not worth refusing the draft over. */
  advice: string[];
}

/**
 * Everything that keeps a model's draft out of the library, checked on the exact text that would be
 * committed: the SKILL.md validator, secrets, and commands the evidence does not show.
 */
export function checkDraft(draft: SkillDraft, allowed: Allowed): DraftProblems {
  const text = renderDraft(draft);
  const blocking: string[] = [];
  const invented = unsupportedCommands(commandsInMarkdown(draft.body, programsOf(allowed.commands)), allowed.commands, allowed.files);
  if (invented.length) blocking.push(`it names commands the sessions never ran: ${invented.map((c) => `\`${c}\``).join(', ')}`);
  const report = validateSkillText(text, draft.name, `draft ${draft.name}`);
  blocking.push(...report.errors.map((e) => `it is not a valid SKILL.md: ${e}`));
  // the type only: the value must not travel back to the model or into a message
  const secrets = [...new Set(findSecrets(text).map((f) => f.type))];
  if (secrets.length) blocking.push(`it contains secrets (${secrets.join(', ')}); use placeholders such as <your-api-key>`);
  // a high-severity injection finding would quarantine the draft: worth a repair round first
  const injected = scanText(text, 'SKILL.md').filter((f) => f.severity === 'high');
  if (injected.length) blocking.push(`it contains text that reads as prompt injection (${[...new Set(injected.map((f) => f.rule))].join(', ')}); rewrite those lines as plain instructions`);
  const advice = saysWhenToUse(draft.description) ? [] : ['the description does not say when to use the skill (add "Use when ...")'];
  return { blocking, advice };
}

/** Model text made into a body: no frontmatter of its own, no surrounding fence, one trailing newline. */
export function cleanBody(body: string): string {
  let text = body.replace(/\r\n/g, '\n').trim();
  const fenced = /^```(?:markdown|md)?\n([\s\S]*)\n```$/i.exec(text);
  if (fenced) text = fenced[1].trim();
  text = text.replace(/^---\n[\s\S]*?\n---\n/, '').trim();
  return `${text}\n`;
}

export function cleanDescription(description: string): string {
  return description.replace(/\s+/g, ' ').trim();
}
