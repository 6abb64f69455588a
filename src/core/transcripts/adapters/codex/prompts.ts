/** Messages Codex itself puts in the user role: instructions, environment, notices. Never human prompts. */
const INJECTED_PREFIXES = [
  '# AGENTS.md instructions for',
  '<environment_context>',
  '<user_instructions>',
  '<INSTRUCTIONS>',
  '<turn_aborted>',
  '<user_shell_command>',
  '<permissions instructions>',
  '<collaboration_mode>',
  '<skill>',
];

/** The IDE extension prefixes the prompt with editor context under this heading. */
const IDE_REQUEST_HEADING = '## My request for Codex:';

/** The human prompt in a user message's text, or undefined when the message was injected. */
export function humanPrompt(text: string): string | undefined {
  const t = text.trim();
  if (!t || INJECTED_PREFIXES.some((p) => t.startsWith(p))) return undefined;
  const at = t.indexOf(IDE_REQUEST_HEADING);
  const prompt = at === -1 ? t : t.slice(at + IDE_REQUEST_HEADING.length).trim();
  return prompt || undefined;
}

/** The working folder named in an injected `<environment_context>` block (the legacy era has no other). */
export function cwdFromEnvironment(text: string): string | undefined {
  return /<environment_context>[\s\S]*?<cwd>([^<]+)<\/cwd>/.exec(text)?.[1]?.trim();
}
