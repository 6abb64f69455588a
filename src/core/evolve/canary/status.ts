import type { SqlRunner } from '../../store/statements';
import { CanaryStore } from './store';
import type { ArmTally, Assignment, Canary, CanaryStatus } from './types';

/** Sessions, samples and successes per arm. */
export function tallies(assignments: readonly Assignment[]): { current: ArmTally; candidate: ArmTally } {
  const empty = (): ArmTally => ({ sessions: 0, samples: 0, successes: 0 });
  const t = { current: empty(), candidate: empty() };
  for (const a of assignments) {
    const arm = t[a.arm];
    arm.sessions++;
    if (a.sampleSeq !== undefined) arm.samples++;
    if (a.outcome === 'success' && a.sampleSeq !== undefined) arm.successes++;
  }
  return t;
}

export function canaryStatus(canaries: CanaryStore, c: Canary): CanaryStatus {
  const looks = canaries.looks(c.id);
  const next = c.state === 'running' ? c.plan.looks[looks.length]?.perArm : undefined;
  return { canary: c, ...tallies(canaries.assignments(c.id)), looks, ...(next === undefined ? {} : { nextLookAt: next }) };
}

/** Every canary, newest first, with its tallies and looks; reads only (safe on a read-only store). */
export function canaryStatuses(db: SqlRunner): CanaryStatus[] {
  const canaries = new CanaryStore(db);
  return canaries.all().map((c) => canaryStatus(canaries, c));
}
