import type { SqlRunner } from '../../store/statements';
import type { GatePlan, LookResult } from './gate';
import type { Arm, Assignment, Canary, CanaryState, RecordedLook } from './types';

interface CanaryRow {
  id: number;
  skill: string;
  current_version: string;
  candidate_version: string;
  share: number;
  plan: string;
  started_at: string;
  expires_at: string;
  state: CanaryState;
  ended_at: string | null;
  reason: string | null;
  result_version: string | null;
}

interface AssignmentRow {
  canary_id: number;
  session_key: string;
  arm: Arm;
  version: string;
  source: Assignment['source'];
  assigned_at: string;
  outcome: 'success' | 'failure' | null;
  sample_seq: number | null;
}

interface LookRow {
  look: number;
  per_arm: number;
  current_successes: number;
  candidate_successes: number;
  p_better: number;
  decision: RecordedLook['decision'];
  taken_at: string;
}

export type NewCanary = Pick<Canary, 'skill' | 'currentVersion' | 'candidateVersion' | 'share' | 'plan' | 'startedAt' | 'expiresAt'>;

/** The canary tables (`canaries`, `canary_assignments`, `canary_looks`), read and written in one place. */
export class CanaryStore {
  constructor(private readonly db: SqlRunner) {}

  insert(c: NewCanary): Canary {
    this.db.run(
      `INSERT INTO canaries (skill, current_version, candidate_version, share, plan, started_at, expires_at, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'running')`,
      [c.skill, c.currentVersion, c.candidateVersion, c.share, JSON.stringify(c.plan), c.startedAt, c.expiresAt],
    );
    const id = this.db.get<{ id: number }>('SELECT last_insert_rowid() AS id')!.id;
    return this.byId(id)!;
  }

  byId(id: number): Canary | undefined {
    const row = this.db.get<CanaryRow>('SELECT * FROM canaries WHERE id = ?', [id]);
    return row && toCanary(row);
  }

  running(skill: string): Canary | undefined {
    const row = this.db.get<CanaryRow>("SELECT * FROM canaries WHERE skill = ? AND state = 'running'", [skill]);
    return row && toCanary(row);
  }

  allRunning(): Canary[] {
    return this.db.all<CanaryRow>("SELECT * FROM canaries WHERE state = 'running' ORDER BY id").map(toCanary);
  }

  /** Every canary, newest first. */
  all(): Canary[] {
    return this.db.all<CanaryRow>('SELECT * FROM canaries ORDER BY id DESC').map(toCanary);
  }

  end(id: number, state: Exclude<CanaryState, 'running'>, endedAt: string, reason: string, resultVersion?: string): void {
    this.db.run("UPDATE canaries SET state = ?, ended_at = ?, reason = ?, result_version = ? WHERE id = ? AND state = 'running'", [
      state,
      endedAt,
      reason,
      resultVersion ?? null,
      id,
    ]);
  }

  assignment(canaryId: number, sessionKey: string): Assignment | undefined {
    const row = this.db.get<AssignmentRow>('SELECT * FROM canary_assignments WHERE canary_id = ? AND session_key = ?', [canaryId, sessionKey]);
    return row && toAssignment(row);
  }

  assignments(canaryId: number): Assignment[] {
    return this.db
      .all<AssignmentRow>('SELECT * FROM canary_assignments WHERE canary_id = ? ORDER BY sample_seq IS NULL, sample_seq, assigned_at, session_key', [canaryId])
      .map(toAssignment);
  }

  armCounts(canaryId: number): { current: number; candidate: number } {
    const rows = this.db.all<{ arm: Arm; n: number }>('SELECT arm, count(*) AS n FROM canary_assignments WHERE canary_id = ? GROUP BY arm', [canaryId]);
    return { current: rows.find((r) => r.arm === 'current')?.n ?? 0, candidate: rows.find((r) => r.arm === 'candidate')?.n ?? 0 };
  }

  /** Records the arm; a session already sampled keeps the arm its sample was counted under. */
  saveAssignment(a: Omit<Assignment, 'outcome' | 'sampleSeq'>): void {
    this.db.run(
      `INSERT INTO canary_assignments (canary_id, session_key, arm, version, source, assigned_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(canary_id, session_key) DO UPDATE SET arm = excluded.arm, version = excluded.version, source = excluded.source
       WHERE canary_assignments.sample_seq IS NULL`,
      [a.canaryId, a.sessionKey, a.arm, a.version, a.source, a.assignedAt],
    );
  }

  /** Fixes a session's outcome as the canary's next sample; later rescoring never changes a sample. */
  recordSample(canaryId: number, sessionKey: string, outcome: 'success' | 'failure'): void {
    const next = (this.db.get<{ n: number | null }>('SELECT MAX(sample_seq) AS n FROM canary_assignments WHERE canary_id = ?', [canaryId])?.n ?? 0) + 1;
    this.db.run('UPDATE canary_assignments SET outcome = ?, sample_seq = ? WHERE canary_id = ? AND session_key = ? AND sample_seq IS NULL', [
      outcome,
      next,
      canaryId,
      sessionKey,
    ]);
  }

  /** Each arm's outcomes in sample order (true = success). */
  samples(canaryId: number): Record<Arm, boolean[]> {
    const rows = this.db.all<{ arm: Arm; outcome: string }>(
      'SELECT arm, outcome FROM canary_assignments WHERE canary_id = ? AND sample_seq IS NOT NULL ORDER BY sample_seq',
      [canaryId],
    );
    const out: Record<Arm, boolean[]> = { current: [], candidate: [] };
    for (const r of rows) out[r.arm].push(r.outcome === 'success');
    return out;
  }

  saveLook(canaryId: number, r: LookResult, takenAt: string): void {
    this.db.run(
      `INSERT INTO canary_looks (canary_id, look, per_arm, current_successes, candidate_successes, p_better, decision, taken_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [canaryId, r.look, r.perArm, r.current.successes, r.candidate.successes, r.pBetter, r.decision, takenAt],
    );
  }

  looks(canaryId: number): RecordedLook[] {
    return this.db.all<LookRow>('SELECT * FROM canary_looks WHERE canary_id = ? ORDER BY look', [canaryId]).map((r) => ({
      look: r.look,
      perArm: r.per_arm,
      currentSuccesses: r.current_successes,
      candidateSuccesses: r.candidate_successes,
      pBetter: r.p_better,
      decision: r.decision,
      takenAt: r.taken_at,
    }));
  }
}

function toCanary(r: CanaryRow): Canary {
  const c: Canary = {
    id: r.id,
    skill: r.skill,
    currentVersion: r.current_version,
    candidateVersion: r.candidate_version,
    share: r.share,
    plan: JSON.parse(r.plan) as GatePlan,
    startedAt: r.started_at,
    expiresAt: r.expires_at,
    state: r.state,
  };
  if (r.ended_at) c.endedAt = r.ended_at;
  if (r.reason) c.reason = r.reason;
  if (r.result_version) c.resultVersion = r.result_version;
  return c;
}

function toAssignment(r: AssignmentRow): Assignment {
  const a: Assignment = { canaryId: r.canary_id, sessionKey: r.session_key, arm: r.arm, version: r.version, source: r.source, assignedAt: r.assigned_at };
  if (r.outcome) a.outcome = r.outcome;
  if (r.sample_seq !== null) a.sampleSeq = r.sample_seq;
  return a;
}
