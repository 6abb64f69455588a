/**
 * Every word the model-backed engine sends, in one place. System prompts are short on purpose: they are
 * paid for on every call, and the JSON Schema of the answer is appended to them by the LLM client.
 * User messages carry only what the stage decides on (see render.ts for how sessions are shortened).
 */

const TRANSCRIPT_KEY =
  'Transcript lines: "[n] USER:" and "[n] AGENT:" are turns (n is the turn number); indented lines under an ' +
  'agent turn are its tool calls ("$ command", "read file", "edit file"; "✗" marks a failure).';

const EVIDENCE_KEY =
  'Each request shows its source, its outcome, and the agent\'s tool calls ("$ command", "read file", "edit file"; "✗" marks a failure).';

export const SPLIT_SYSTEM = [
  'You split coding-agent sessions into requests. A request starts at a USER turn that asks for something new;',
  'follow-ups on the same goal (clarifications, corrections, "yes", "also handle X" for the same change) stay in its request.',
  TRANSCRIPT_KEY,
  'For each session list the requests that start in the turns shown: turn = the USER turn number;',
  'intent = what the user wanted (max 80 chars); summary = what was done and how it ended (max 240); tags = 3-5 lower_snake_case words.',
].join('\n');

export interface SplitPartText {
  ref: string;
  /** `claude-code session "title", part 2 of 3` */
  header: string;
  userTurns: readonly number[];
  /** The request under way before this part, when the part continues a session. */
  previousIntent?: string;
  text: string;
}

export function splitUser(parts: readonly SplitPartText[]): string {
  return parts
    .map((p) => {
      const lead = p.previousIntent
        ? `Request in progress before these turns: "${p.previousIntent}"; list the first USER turn only if it starts a new one.`
        : 'Its first USER turn starts a request.';
      return [`${p.ref}: ${p.header}. ${lead} USER turns: ${p.userTurns.join(', ')}.`, p.text].join('\n');
    })
    .join('\n\n');
}

export const ROUTE_SYSTEM = [
  'You match requests from coding-agent sessions to skills. Each request lists its own candidate skills.',
  'For each request give the one candidate it is an instance of, spelled as listed, or null when none fits (a normal answer).',
  'weight = how strongly the request supports that skill: 0.9-1 it does the skill\'s core task with concrete commands or files and it went well;',
  '0.6-0.8 it covers a main part; 0.3-0.5 related but partial, vague or failed. Do not inflate weights. Answer every request once.',
].join('\n');

export interface RouteItem {
  ref: string;
  atom: string;
  candidates: { name: string; description: string }[];
}

export function routeUser(items: readonly RouteItem[]): string {
  return items
    .map((i) => [`${i.ref}: ${i.atom}`, ...i.candidates.map((c) => `  - ${c.name}: ${c.description}`)].join('\n'))
    .join('\n\n');
}

const WRITING_RULES = [
  'description: at most 400 characters; what the skill does and when to use it ("Use when ...").',
  'body: Markdown without frontmatter: "# Title", one line of purpose, "## Steps" as a numbered list, and "## Pitfalls" when the evidence shows failures; at most 60 lines.',
  'Lines "Project … checks work with", "Known failure" and "User rule" are mined from all the project\'s sessions: use the project\'s commands with their flags and order in the steps, write each known failure as a pitfall with its fix, and keep each user rule.',
  'Name only commands and files the evidence shows, in backticks, exactly as run; write <placeholder> for parts that vary. No other commands, tools or flags. No secrets.',
].join('\n');

export const PROPOSE_SYSTEM = [
  'You write Agent Skills (SKILL.md) from evidence. Each group (G1, G2…) holds requests from several coding-agent sessions that followed one workflow.',
  'For each group write its skill only if it is a reusable procedure; decline when the requests are boilerplate, a harness or prompt template, or one-off work.',
  EVIDENCE_KEY,
  'name: lowercase words joined by hyphens, at most 5 words, naming the task.',
  WRITING_RULES,
].join('\n');

export interface ProposeGroupText {
  ref: string;
  summary: string;
  workflow: string;
  suggestedName: string;
  /** What the project's sessions teach (working commands, known failures and their fixes, user rules). */
  mined?: readonly string[];
  evidence: readonly string[];
}

export function proposeGroup(g: ProposeGroupText): string {
  return [`${g.ref}: ${g.summary}`, `Shared workflow: ${g.workflow}`, `Suggested name: ${g.suggestedName}`, ...(g.mined ?? []), ...g.evidence].join('\n');
}

export function proposeUser(groups: readonly string[]): string {
  return groups.join('\n\n');
}

export const REVISE_SYSTEM = [
  'You revise an existing Agent Skill with new evidence from coding-agent sessions.',
  'The current SKILL.md is ground truth and the user may have edited it: keep its wording, structure and commands unless the evidence contradicts them.',
  'Add steps, commands or pitfalls the evidence shows and the skill lacks; remove only what the evidence shows is wrong. Answer keep when the evidence adds nothing.',
  EVIDENCE_KEY,
  WRITING_RULES.replace('Name only commands and files the evidence shows', 'Name only commands and files the current skill or the evidence shows'),
].join('\n');

/** Added to REVISE_SYSTEM when the current version is the user's own hand edit. */
export const HAND_EDIT_RULE =
  "The current SKILL.md was written by the user by hand: keep every line of its body word for word and in order. You may add lines the evidence supports; never reword, reorder or remove the user's.";

export function reviseUser(p: { name: string; current: string; added: readonly string[]; evidence: readonly string[] }): string {
  return [`Current SKILL.md of ${p.name}:`, '<<<', p.current.trim(), '>>>', '', `New in the evidence: ${p.added.join('; ')}.`, 'Evidence:', ...p.evidence].join('\n');
}

/** The one repair round of a draft: the same task, the draft, and what was wrong with it. */
export function repairUser(original: string, draft: { description: string; body: string }, problems: readonly string[]): string {
  return [
    original,
    '',
    'Your draft:',
    JSON.stringify(draft),
    '',
    'It cannot be used as it is:',
    ...problems.map((p) => `- ${p}`),
    'Write the description and body again without these problems. Drop or replace every command the evidence does not show.',
  ].join('\n');
}
