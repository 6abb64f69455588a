import type { Atom } from '../distill/atoms/types';
import { splitTrajectory } from '../distill/split/heuristic';
import { workingCommands } from '../text/command-head';
import type { Trajectory } from '../transcripts/model';

/** One user request of a session, and the commands it really ran. */
export interface EvalRequest {
  /** The atom id: `<source>:<session>#<turn>`. */
  id: string;
  sessionKey: string;
  /** The user's request as typed (the opening turn, capped): what a matcher is given. */
  text: string;
  /** Heads the request ran at least once without failing. */
  succeeded: string[];
  /** Heads the request ran at least once and saw fail (a head fixed later is in both lists). */
  failed: string[];
  /** The folder the session ran in, when known: skills of other projects are not offered to it. */
  workspace?: string;
}

/**
 * A session's requests, cut by the product's own heuristic splitter whatever engine is evaluated: the
 * answer key must not depend on the engine being judged. A shell call that runs several commands
 * (`go build && go test`) counts each of them, and its outcome counts for each.
 */
export function requestsOf(t: Trajectory): EvalRequest[] {
  return splitTrajectory(t)
    .map(requestOf)
    .filter((r) => r.text.trim().length > 0);
}

export function requestOf(atom: Atom): EvalRequest {
  const succeeded = new Set<string>();
  const failed = new Set<string>();
  for (const step of atom.steps) {
    if (!step.signature.startsWith('run') || !step.detail) continue;
    for (const head of workingCommands(step.detail)) (step.failed ? failed : succeeded).add(head);
  }
  return {
    id: atom.id,
    sessionKey: atom.sessionKey,
    text: atom.request,
    succeeded: [...succeeded].sort(),
    failed: [...failed].sort(),
    ...(atom.workspace ? { workspace: atom.workspace } : {}),
  };
}
