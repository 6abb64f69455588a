import { describeError } from '../../errors';
import { evalSkill } from '../../eval/skills';
import { compareVersions, evidenceSessions, RECENT_SESSIONS } from '../../eval/versions';
import type { SkillLibrary } from '../../skills/library/library';
import type { StateStore } from '../../store/database';
import { HindsightChecks, type HindsightCheck } from './hindsight-checks';
import { shortVersion } from './versions';

export interface HindsightGateOptions {
  /** How many of the most recent sessions to score on. */
  recentSessions?: number;
  now?: () => number;
}

/**
 * The offline check before live traffic: the current and the candidate version of a skill are scored in
 * hindsight on the store's most recent sessions (those the candidate was not written from), each matched
 * against that skill alone. A candidate that scores below the current version is held for review, with
 * both scores as the reason; a tie or better passes. The verdict is recorded either way.
 */
export async function hindsightGate(
  ctx: { store: StateStore; library: SkillLibrary },
  skill: string,
  versions: { current: string; candidate: string },
  opts: HindsightGateOptions = {},
): Promise<HindsightCheck> {
  const [current, candidate] = await Promise.all([versions.current, versions.candidate].map(async (v) => evalSkill(skill, v, (await ctx.library.show(skill, v)).files)));
  const exclude = evidenceSessions(ctx.store, skill, versions.candidate);
  const c = compareVersions(ctx.store, current, candidate, { recentSessions: opts.recentSessions ?? RECENT_SESSIONS, exclude });
  const cur = round(c.current.f1);
  const cand = round(c.candidate.f1);
  const held = c.requests > 0 && cand < cur;
  const on = `${c.requests} recent ${c.requests === 1 ? 'request' : 'requests'} of ${c.sessions} sessions`;
  const reason =
    c.requests === 0
      ? `hindsight check: no recent request ran a command (${c.sessions} sessions), nothing to judge`
      : `hindsight F1 on ${on}: candidate ${shortVersion(versions.candidate)} ${cand.toFixed(2)} ${held ? 'below' : 'vs'} current ${shortVersion(versions.current)} ${cur.toFixed(2)}`;
  const check: HindsightCheck = {
    skill,
    candidateVersion: versions.candidate,
    currentVersion: versions.current,
    currentScore: cur,
    candidateScore: cand,
    requests: c.requests,
    verdict: held ? 'held' : 'passed',
    reason,
    checkedAt: new Date((opts.now ?? Date.now)()).toISOString(),
  };
  ctx.store.transaction(() => new HindsightChecks(ctx.store).record(check));
  return check;
}

/** The gate's verdict, or undefined (and a notice) when it cannot read a version: the gate then stays out of the way. */
export async function tryHindsightGate(
  ctx: { store: StateStore; library: SkillLibrary },
  skill: string,
  versions: { current: string; candidate: string },
  opts: HindsightGateOptions & { onNotice: (m: string) => void },
): Promise<HindsightCheck | undefined> {
  try {
    return await hindsightGate(ctx, skill, versions, opts);
  } catch (e) {
    opts.onNotice(`hindsight check of "${skill}" skipped: ${describeError(e)}`);
    return undefined;
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
