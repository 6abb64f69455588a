import type { Step } from '../../distill/atoms/types';
import { detectFeedback } from '../../match/feedback';
import type { Turn } from '../../transcripts/model';

/*
 * Commands that throw away working-tree changes. `git restore --staged` alone and `git stash` keep the work,
 * so they do not count; checking out a branch (no pathspec) is not a revert either.
 */
const REVERT_COMMANDS: RegExp[] = [
  /\bgit\s+revert\b/,
  /\bgit\s+reset\b[^\n;&|]*--hard\b/,
  /\bgit\s+checkout\b[^\n;&|]*(\s--\s|\s--$|\s\.(\s|$))/,
  /\bgit\s+restore\b(?![^\n;&|]*--staged(?![^\n;&|]*--worktree))/,
  /\bgit\s+clean\b[^\n;&|]*\s-\w*f/,
];

export function isRevertCommand(command: string): boolean {
  return REVERT_COMMANDS.some((re) => re.test(command));
}

/** A revert run after the atom had edited something: the agent (or the user through it) undid its own work. */
export function revertedByCommand(steps: readonly Step[]): boolean {
  let edited = false;
  for (const step of steps) {
    if (step.signature.startsWith('edit:')) edited = true;
    else if (edited && step.signature.startsWith('run') && !step.failed && step.detail && isRevertCommand(step.detail)) return true;
  }
  return false;
}

/** A later user turn in the atom asks to undo what the agent did. */
export function undoRequested(turns: readonly Turn[]): boolean {
  return turns.slice(1).some((t) => t.role === 'user' && detectFeedback(t.text)?.kind === 'undo');
}
