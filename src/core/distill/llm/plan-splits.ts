import { listSessions, loadTrajectory } from '../../ingest/sessions';
import type { StateStore } from '../../store/database';
import { PipelineState } from '../pipeline/state';
import type { SplitJob } from './split';

/**
 * The sessions the pipeline's split phase is about to send to the engine, chosen the way it chooses them
 * (new or changed since their last split, with a new user turn), read one at a time. Only sessions with two
 * or more requests can need a model decision, so the others are not even loaded. A session this gets
 * wrong costs nothing but a planned split that is never used.
 */
export function* splitJobs(store: StateStore): Generator<SplitJob> {
  const state = new PipelineState(store);
  for (const s of listSessions(store, { skipMissing: true })) {
    const progress = state.progress(s.key);
    if ((progress && progress.contentHash === s.contentHash) || s.userTurns < 2) continue;
    const trajectory = loadTrajectory(store, s.key);
    if (!trajectory) continue;
    const newRequest = trajectory.turns.slice(progress?.splitTurns ?? 0).some((t) => t.role === 'user');
    if (!newRequest) continue;
    yield { trajectory, fromTurn: progress ? state.lastAtomStart(s.key) ?? 0 : 0 };
  }
}
