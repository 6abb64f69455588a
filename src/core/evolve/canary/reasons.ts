import type { LookResult } from './gate';
import type { ArmTally, Canary } from './types';
import { shortVersion } from './versions';

function tally(r: LookResult): string {
  return `candidate ${r.candidate.successes}/${r.perArm} vs current ${r.current.successes}/${r.perArm} succeeded`;
}

function pct(p: number): string {
  return p >= 0.9995 ? '>0.999' : p.toFixed(3);
}

export function promotedReason(c: Canary, r: LookResult): string {
  return `canary promoted ${shortVersion(c.candidateVersion)} over ${shortVersion(c.currentVersion)}: P(better) = ${pct(r.pBetter)} at ${r.perArm} sessions per arm (${tally(r)})`;
}

export function rolledBackReason(c: Canary, r: LookResult): string {
  return `canary rolled back ${shortVersion(c.candidateVersion)}: worse than ${shortVersion(c.currentVersion)}, P(worse) = ${pct(1 - r.pBetter)} at ${r.perArm} sessions per arm (${tally(r)})`;
}

export function inconclusiveReason(c: Canary, r: LookResult): string {
  return `canary found no measurable improvement of ${shortVersion(c.candidateVersion)} after ${r.perArm} sessions per arm: P(better) = ${pct(r.pBetter)} (${tally(r)})`;
}

export function expiredReason(c: Canary, current: ArmTally, candidate: ArmTally, days: number): string {
  const needed = c.plan.looks[c.plan.looks.length - 1].perArm;
  return `canary expired after ${days} days with ${candidate.samples} candidate and ${current.samples} current sessions scored (it plans up to ${needed} per arm)`;
}

export function stoppedReason(note?: string): string {
  return note?.trim() ? `canary stopped by the user: ${note.trim()}` : 'canary stopped by the user';
}
