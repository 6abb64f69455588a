import { describeError, SkillsmithError } from '../../errors';
import type { SkillLibrary } from '../../skills/library/library';
import type { StateStore } from '../../store/database';
import { OutcomeStore } from '../outcome/store';
import { planGate, runLooks, type LookDecision, type LookResult } from './gate';
import type { CanaryListener } from './listener';
import { expiredReason, inconclusiveReason, promotedReason, rolledBackReason, stoppedReason } from './reasons';
import { canarySettings, type CanarySettings } from './settings';
import { CanaryStore } from './store';
import { chooseArm } from './assign';
import { observeArms } from './observe';
import { canaryStatus, tallies } from './status';
import type { Arm, Canary, CanaryState, CanaryStatus } from './types';
import { sameVersion, shortVersion } from './versions';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CanaryEngineOptions {
  settings?: Partial<CanarySettings>;
  listener?: CanaryListener;
  /** Milliseconds since the epoch; tests move it. */
  clock?: () => number;
  /** Told about anything that did not stop the work, e.g. a listener that failed. */
  onNotice?: (message: string) => void;
}

/** What one review did to one canary. */
export interface ReviewEntry {
  canaryId: number;
  skill: string;
  /** Sessions whose arm was read from the versions they loaded in this review. */
  observed: number;
  /** Sessions whose outcome became a sample in this review. */
  sampled: number;
  looks: LookResult[];
  /** Set when the canary ended in this review. */
  ended?: { state: Exclude<CanaryState, 'running'>; reason: string; resultVersion?: string };
}

type EndState = Exclude<CanaryState, 'running'>;

const END_OF_DECISION: Record<Exclude<LookDecision, 'continue'>, EndState> = {
  promote: 'promoted',
  rollback: 'rolled-back',
  inconclusive: 'inconclusive',
};

/**
 * Runs canaries: a candidate version of a skill in the library is compared with the current version on
 * live sessions. Every session's arm is recorded (when Skillsmith serves it, or from the version marker the
 * session loaded), each outcome is fixed as a sample once known, and the gate (gate.ts) looks at planned
 * sample sizes. Promotion and rollback go through the library (accept / reject the candidate, the reason
 * kept) and then the listener, which moves the installs.
 */
export class CanaryEngine {
  readonly settings: CanarySettings;
  private readonly canaries: CanaryStore;
  private readonly outcomes: OutcomeStore;
  private readonly clock: () => number;

  constructor(
    private readonly store: StateStore,
    private readonly library: SkillLibrary,
    private readonly opts: CanaryEngineOptions = {},
  ) {
    this.settings = canarySettings(opts.settings);
    this.canaries = new CanaryStore(store);
    this.outcomes = new OutcomeStore(store);
    this.clock = opts.clock ?? Date.now;
  }

  /** Starts a canary of the candidate waiting for `skill` against the library's current version. */
  async start(skill: string, opts: Partial<CanarySettings> = {}): Promise<Canary> {
    const given = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
    const settings = canarySettings({ ...this.settings, ...given });
    const running = this.canaries.running(skill);
    if (running) throw new SkillsmithError(`a canary for skill "${skill}" is already running (since ${running.startedAt})`, 'canary', 'see `skillsmith canary status`');
    const current = (await this.library.list()).find((s) => s.name === skill);
    const candidate = (await this.library.listCandidates()).find((c) => c.name === skill);
    if (!candidate) throw new SkillsmithError(`no candidate for skill "${skill}"`, this.library.dir, 'see `skillsmith library candidates`');
    if (!current) {
      throw new SkillsmithError(`skill "${skill}" is new: there is no current version to compare its candidate with`, this.library.dir, 'review it with `skillsmith library accept|reject`');
    }
    if (!candidate.baseVersion || !sameVersion(candidate.baseVersion, current.version)) {
      throw new SkillsmithError(`the candidate for skill "${skill}" was proposed on an older version`, this.library.dir, 'propose it again on top of the current version');
    }
    const now = this.clock();
    return this.canaries.insert({
      skill,
      currentVersion: current.version,
      candidateVersion: candidate.version.id,
      share: settings.share,
      plan: planGate({ maxPerArm: settings.maxSessionsPerArm, looks: settings.looks }),
      startedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + settings.expireAfterDays * DAY_MS).toISOString(),
    });
  }

  /**
   * The version to serve a session about to start, with its arm recorded; undefined when no canary runs
   * for the skill. Asking again for the same session gives the same answer.
   */
  assign(skill: string, sessionKey: string): { arm: Arm; version: string } | undefined {
    const c = this.canaries.running(skill);
    if (!c) return undefined;
    const known = this.canaries.assignment(c.id, sessionKey);
    if (known) return { arm: known.arm, version: known.version };
    const arm = chooseArm(c.id, sessionKey, c.share, this.canaries.armCounts(c.id));
    const version = arm === 'candidate' ? c.candidateVersion : c.currentVersion;
    this.canaries.saveAssignment({ canaryId: c.id, sessionKey, arm, version, source: 'served', assignedAt: new Date(this.clock()).toISOString() });
    return { arm, version };
  }

  /**
   * The version installs should carry for the sessions that start from now on. Agents load skills from
   * folders, not per session, so serving is by turns: the arm behind its share of the sessions observed so
   * far is installed next, and the marker each session loads records which one it got.
   */
  servingVersion(skill: string): { arm: Arm; version: string } | undefined {
    const c = this.canaries.running(skill);
    if (!c) return undefined;
    const arm = chooseArm(c.id, `serve:${this.canaries.looks(c.id).length}`, c.share, this.canaries.armCounts(c.id));
    return { arm, version: arm === 'candidate' ? c.candidateVersion : c.currentVersion };
  }

  /** Brings every running canary up to date: arms, samples, looks, and the decision when one is due. */
  async review(): Promise<ReviewEntry[]> {
    const entries: ReviewEntry[] = [];
    for (const c of this.canaries.allRunning()) entries.push(await this.reviewOne(c));
    return entries;
  }

  /** The user's call: the candidate becomes the current version now, whatever the samples say. */
  async promote(skill: string): Promise<Canary> {
    const c = this.requireRunning(skill);
    const problem = await this.libraryProblem(c);
    if (problem) throw new SkillsmithError(problem, `canary for "${skill}"`, 'stop the canary, then review the candidate with `skillsmith library`');
    const version = await this.library.acceptCandidate(skill);
    return this.finish(c, 'promoted', 'canary promoted by the user', version.id);
  }

  /** The user's call: the candidate is dropped (kept under refs/rejected with the reason). */
  async stop(skill: string, note?: string): Promise<Canary> {
    const c = this.requireRunning(skill);
    const reason = stoppedReason(note);
    const candidate = (await this.library.listCandidates()).find((x) => x.name === skill);
    if (candidate && sameVersion(candidate.version.id, c.candidateVersion)) await this.library.rejectCandidate(skill, reason);
    return this.finish(c, 'stopped', reason);
  }

  /** Ends a canary without touching the library, e.g. because a hand edit made the comparison moot. */
  async cancel(skill: string, reason: string): Promise<Canary | undefined> {
    const c = this.canaries.running(skill);
    return c && this.finish(c, 'cancelled', reason);
  }

  running(skill: string): Canary | undefined {
    return this.canaries.running(skill);
  }

  /** Every canary, newest first, with its tallies and looks. */
  status(): CanaryStatus[] {
    return this.canaries.all().map((c) => canaryStatus(this.canaries, c));
  }

  private async reviewOne(c: Canary): Promise<ReviewEntry> {
    const entry: ReviewEntry = { canaryId: c.id, skill: c.skill, observed: 0, sampled: 0, looks: [] };
    const problem = await this.libraryProblem(c);
    if (problem) {
      entry.ended = this.endEntry(await this.finish(c, 'cancelled', `canary cancelled: ${problem}`));
      return entry;
    }
    entry.observed = observeArms(this.store, this.canaries, c);
    entry.sampled = this.sample(c);
    const samples = this.canaries.samples(c.id);
    const now = this.clock();
    entry.looks = runLooks(c.plan, samples.current, samples.candidate, this.canaries.looks(c.id).length);
    for (const r of entry.looks) this.canaries.saveLook(c.id, r, new Date(now).toISOString());
    const last = entry.looks[entry.looks.length - 1];
    if (last && last.decision !== 'continue') {
      entry.ended = this.endEntry(await this.decide(c, last));
    } else if (now >= Date.parse(c.expiresAt)) {
      const t = tallies(this.canaries.assignments(c.id));
      const days = Math.round((Date.parse(c.expiresAt) - Date.parse(c.startedAt)) / DAY_MS);
      entry.ended = this.endEntry(await this.dropCandidate(c, 'expired', expiredReason(c, t.current, t.candidate, days)));
    }
    return entry;
  }

  /** Fixes the outcome of every assigned session whose outcome is now known, in a stable order. */
  private sample(c: Canary): number {
    let n = 0;
    for (const a of this.canaries.assignments(c.id)) {
      if (a.sampleSeq !== undefined) continue;
      const outcome = this.outcomes.sessionOutcome(a.sessionKey, c.skill);
      if (!outcome) continue;
      this.canaries.recordSample(c.id, a.sessionKey, outcome);
      n++;
    }
    return n;
  }

  private async decide(c: Canary, r: LookResult): Promise<Canary> {
    const state = END_OF_DECISION[r.decision as Exclude<LookDecision, 'continue'>];
    if (state === 'promoted') {
      const reason = promotedReason(c, r);
      try {
        const version = await this.library.acceptCandidate(c.skill);
        return this.finish(c, 'promoted', reason, version.id);
      } catch (e) {
        return this.finish(c, 'cancelled', `canary decided to promote but the library refused: ${describeError(e)}`);
      }
    }
    return this.dropCandidate(c, state, state === 'rolled-back' ? rolledBackReason(c, r) : inconclusiveReason(c, r));
  }

  private async dropCandidate(c: Canary, state: EndState, reason: string): Promise<Canary> {
    try {
      await this.library.rejectCandidate(c.skill, reason);
    } catch (e) {
      return this.finish(c, 'cancelled', `${reason}; but the library could not drop the candidate: ${describeError(e)}`);
    }
    return this.finish(c, state, reason);
  }

  /** Records the end, then tells the listener. */
  private async finish(c: Canary, state: EndState, reason: string, resultVersion?: string): Promise<Canary> {
    this.canaries.end(c.id, state, new Date(this.clock()).toISOString(), reason, resultVersion);
    try {
      if (state === 'promoted') await this.opts.listener?.onPromoted?.(c.skill, resultVersion!);
      else if (this.opts.listener?.onEnded) await this.opts.listener.onEnded(c.skill, await this.libraryVersion(c), state, reason);
    } catch (e) {
      this.opts.onNotice?.(`canary for "${c.skill}" ended (${state}) but updating the installs failed: ${describeError(e)}`);
    }
    return this.canaries.byId(c.id)!;
  }

  /** The library's current version of the skill (after a hand edit, the user's), where installs go back to. */
  private async libraryVersion(c: Canary): Promise<string> {
    return (await this.library.list()).find((s) => s.name === c.skill)?.version ?? c.currentVersion;
  }

  private endEntry(c: Canary): ReviewEntry['ended'] {
    return { state: c.state as EndState, reason: c.reason ?? '', ...(c.resultVersion ? { resultVersion: c.resultVersion } : {}) };
  }

  /** Why the library no longer holds what the canary compares, if it does not. */
  private async libraryProblem(c: Canary): Promise<string | undefined> {
    // a hand edit is the user's word on the skill and overrides the experiment (src/core/evolve/hand-edits)
    const edit = this.store.get<{ version: string }>(
      'SELECT version FROM hand_edits WHERE skill = ? AND committed_at >= ? ORDER BY committed_at DESC LIMIT 1',
      [c.skill, c.startedAt],
    );
    if (edit) return `skill "${c.skill}" was edited by hand during the canary (version ${shortVersion(edit.version)})`;
    const current = (await this.library.list()).find((s) => s.name === c.skill);
    if (!current) return `skill "${c.skill}" is no longer in the library`;
    if (!sameVersion(current.version, c.currentVersion)) {
      return `skill "${c.skill}" changed in the library during the canary (${shortVersion(c.currentVersion)} → ${shortVersion(current.version)})`;
    }
    const candidate = (await this.library.listCandidates()).find((x) => x.name === c.skill);
    if (!candidate) return `the candidate for "${c.skill}" is no longer waiting`;
    if (!sameVersion(candidate.version.id, c.candidateVersion)) {
      return `the candidate for "${c.skill}" changed during the canary (${shortVersion(c.candidateVersion)} → ${candidate.version.shortId})`;
    }
    return undefined;
  }

  private requireRunning(skill: string): Canary {
    const c = this.canaries.running(skill);
    if (!c) throw new SkillsmithError(`no canary is running for skill "${skill}"`, 'canary', 'see `skillsmith canary status`');
    return c;
  }
}
