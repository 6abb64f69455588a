import type { Atom } from '../../distill/atoms/types';
import type { ToolCall, Trajectory, Turn } from '../../transcripts/model';
import type { ScoredSignals } from './types';

/** Our rubric: it scores what the user got, not how much the agent did. */
export const JUDGE_SYSTEM = `You review one task from a coding-agent session in which the agent used an Agent Skill.
Rate how well the session served the user, from 1 to 10, with this rubric. Judge the result the user got and
how directly they got it, never the amount of work the agent did.

10  Done right at the first attempt; the user moved on without asking for changes.
8-9 Done right; at most one small clarification, or one detour the agent noticed and fixed by itself.
6-7 Done, but after several detours or retries, or a clarification the skill should have made unnecessary.
4-5 Only partly done, or done only after the user corrected the agent.
2-3 Not done: repeated errors, the user had to correct the agent more than once, or gave up.
1   Harmful: broke something that worked, destroyed work, or the changes had to be reverted.

If following the skill's instructions caused an error or a detour, the score is at most 5.
Use only what the excerpt shows; when it ends before the outcome is visible, judge what is visible.
Reply with one JSON object: {"score": <integer 1-10>, "reason": "<one sentence>"}.`;

const EXCERPT_CHARS = 6000;
const TEXT_CHARS = 800;
const TOOL_CHARS = 300;

/** The judge's input: the skill, the measured facts, and the atom's turns (plus the user's next words). */
export function judgeUserMessage(skill: string, version: string | undefined, atom: Atom, signals: ScoredSignals, trajectory: Trajectory): string {
  const turns = trajectory.turns.slice(atom.turnStart, atom.turnEnd);
  const after = trajectory.turns.slice(atom.turnEnd).find((t) => t.role === 'user');
  const excerpt = fitExcerpt([...turns.map(renderTurn), ...(after ? [`USER (next request): ${clip(after.text, TEXT_CHARS)}`] : ['(the session ends here)'])]);
  return [
    `Skill: ${skill}${version ? ` (version ${version.slice(0, 12)})` : ''}`,
    `Request: ${atom.intent}`,
    `Measured from the transcript: ${describeSignals(signals)}`,
    '',
    'Excerpt:',
    excerpt,
  ].join('\n');
}

function describeSignals(s: ScoredSignals): string {
  const facts = [`${s.toolCalls} tool calls`, `${s.toolErrors} failed`, `${s.retries} retries`];
  if (s.corrected) facts.push('the user corrected the agent');
  if (s.endedInError) facts.push('the last command failed');
  if (s.reverted) facts.push("the agent's changes were reverted");
  if (s.abandoned) facts.push('the user left the task after a failure');
  return facts.join(', ');
}

function renderTurn(turn: Turn): string {
  const head = `${turn.role === 'user' ? 'USER' : 'AGENT'}: ${clip(turn.text, TEXT_CHARS)}`;
  return [head, ...turn.toolCalls.map(renderCall)].join('\n');
}

function renderCall(call: ToolCall): string {
  const input = typeof call.input === 'string' ? call.input : JSON.stringify(call.input ?? {});
  const output = call.output === undefined ? '' : ` -> ${call.isError ? '[error] ' : ''}${clip(call.output, TOOL_CHARS)}`;
  return `  TOOL ${call.name} ${clip(input, TOOL_CHARS)}${output}`;
}

/** Keeps the beginning and the end when the excerpt is too long: the request and the outcome matter most. */
function fitExcerpt(parts: string[]): string {
  const text = parts.join('\n');
  if (text.length <= EXCERPT_CHARS) return text;
  const half = EXCERPT_CHARS / 2;
  return `${text.slice(0, half)}\n[… ${text.length - EXCERPT_CHARS} characters left out …]\n${text.slice(-half)}`;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max)}…`;
}
