import { z } from 'zod';
import type { Atom } from '../../distill/atoms/types';
import type { LlmClient } from '../../llm/types';
import type { Trajectory } from '../../transcripts/model';
import { JUDGE_SYSTEM, judgeUserMessage } from './judge-prompt';
import type { JudgeScore, ScoredSignals } from './types';

export const JUDGE_STAGE = 'judge';

const verdictSchema = z.object({
  score: z.number().int().min(1).max(10),
  reason: z.string().trim().min(1).max(600),
});

export interface JudgeInput {
  skill: string;
  version?: string;
  atom: Atom;
  signals: ScoredSignals;
  trajectory: Trajectory;
  signal?: AbortSignal;
}

/** One rubric call per atom; the schema check (with the client's one repair attempt) rejects out-of-range scores. */
export async function judgeAtom(client: LlmClient, input: JudgeInput): Promise<JudgeScore> {
  const result = await client.chatJson({
    stage: JUDGE_STAGE,
    system: JUDGE_SYSTEM,
    user: judgeUserMessage(input.skill, input.version, input.atom, input.signals, input.trajectory),
    schema: verdictSchema,
    maxOutputTokens: 200,
    signal: input.signal,
  });
  return { score: result.value.score, reason: result.value.reason, model: result.model };
}
