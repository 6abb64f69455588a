import { SkillsmithError } from '../../errors';
import type { SqlRunner } from '../../store/statements';
import { parseFailureKind, type FailureKind } from './failure-kinds';
import { checkTrustRules, DEFAULT_TRUST_RULES, levelFromOutcomes, type TrustLevel, type TrustRules } from './levels';
import { posteriorOf, type TrustPosterior } from './posterior';

export type Outcome = 'success' | 'failure';

/** A skill at one version: the unit trust is kept for. */
export interface SkillRef {
  skill: string;
  version: string;
}

/** Why a version is quarantined and what was found; `content` keeps a draft that was never committed. */
export interface QuarantineRecord {
  reason: string;
  findings: unknown[];
  content?: string;
  createdAt: string;
}

/** Everything known about how far a skill version can be trusted. */
export interface TrustState extends SkillRef, TrustPosterior {
  level: TrustLevel;
  /** `rules` when outcomes set the level, `manual` when a person did, `scan` when a quarantine record does. */
  setBy: 'rules' | 'manual' | 'scan';
  reason: string;
  quarantine?: QuarantineRecord;
}

export interface OutcomeOptions {
  /**
   * The scored unit (a session, or an atom of one). A unit counts once per version: scoring it again
   * replaces its outcome instead of adding a second one.
   */
  sessionKey?: string;
  kind?: FailureKind;
  reason?: string;
}

export interface OutcomeRecord extends SkillRef {
  outcome: Outcome;
  source: string;
  sessionKey: string | null;
  kind: string | null;
  reason: string | null;
  createdAt: string;
}

/** How a scored session went and which skills it actually used (not merely had on offer). */
export interface SessionOutcome {
  sessionKey: string;
  used: readonly SkillRef[];
  outcome: Outcome;
  source: string;
  kind?: FailureKind;
  reason?: string;
}

interface TrustRow {
  level: TrustLevel;
  set_by: 'rules' | 'manual';
  reason: string;
}

/**
 * Trust per skill version, kept in the state store (`skill_outcomes`, `skill_trust`, `skill_quarantine`).
 * The level follows from, in order: a person's decision; an unreleased quarantine (the scanner's, or a
 * reject as unsafe); the outcomes through the promotion and demotion rules.
 */
export class TrustStore {
  constructor(
    private readonly db: SqlRunner,
    private readonly rules: TrustRules = DEFAULT_TRUST_RULES,
    private readonly now: () => Date = () => new Date(),
  ) {
    checkTrustRules(rules);
  }

  /** Records one outcome for one skill version and re-applies the rules. */
  recordOutcome(ref: SkillRef, outcome: Outcome, source: string, opts: OutcomeOptions = {}): TrustState {
    checkRef(ref);
    if (outcome !== 'success' && outcome !== 'failure') throw new SkillsmithError(`unknown outcome "${String(outcome)}"`, `skill ${ref.skill}`, 'use success or failure');
    if (!source.trim()) throw new SkillsmithError('an outcome needs a source (who scored it)', `skill ${ref.skill}`);
    this.db.run(
      `INSERT INTO skill_outcomes (skill, version, outcome, source, session_key, kind, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (skill, version, session_key) WHERE session_key IS NOT NULL DO UPDATE SET
         outcome = excluded.outcome, source = excluded.source, kind = excluded.kind, reason = excluded.reason, created_at = excluded.created_at`,
      [ref.skill, ref.version, outcome, source.trim(), opts.sessionKey ?? null, opts.kind ?? null, opts.reason ?? null, this.now().toISOString()],
    );
    return this.applyRules(ref);
  }

  /**
   * Credits a scored session's outcome to the skills it used, and only those: a skill that was offered but
   * not loaded or followed had no part in how the session went.
   */
  creditSession(session: SessionOutcome): TrustState[] {
    const seen = new Set<string>();
    const states: TrustState[] = [];
    for (const ref of session.used) {
      const key = `${ref.skill}\0${ref.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      states.push(this.recordOutcome(ref, session.outcome, session.source, { sessionKey: session.sessionKey, kind: session.kind, reason: session.reason }));
    }
    return states;
  }

  /** A person's reject: a failure with its kind and reason. Rejected as unsafe, the version is also quarantined. */
  reject(ref: SkillRef, kind: string, reason: string): TrustState {
    const failureKind = parseFailureKind(kind);
    const why = reason.trim();
    if (!why) throw new SkillsmithError('a reject needs a reason', `skill ${ref.skill}`, 'say what went wrong with --reason');
    this.recordOutcome(ref, 'failure', 'user-reject', { kind: failureKind, reason: why });
    if (failureKind === 'unsafe') this.quarantine(ref, { reason: `rejected as unsafe: ${why}`, findings: [] });
    return this.state(ref);
  }

  /** A person sets the level; this is also the explicit override that releases a quarantine. */
  setLevel(ref: SkillRef, level: TrustLevel, reason: string): TrustState {
    checkRef(ref);
    const why = reason.trim();
    if (!why) throw new SkillsmithError('changing a trust level by hand needs a reason', `skill ${ref.skill}`);
    this.writeLevel(ref, level, 'manual', why);
    if (level === 'trusted' || level === 'verified') this.releaseQuarantine(ref, `level set to ${level}: ${why}`);
    return this.state(ref);
  }

  /** Drops a person's decision, so the outcomes decide again. */
  clearManualLevel(ref: SkillRef): TrustState {
    this.db.run("DELETE FROM skill_trust WHERE skill = ? AND version = ? AND set_by = 'manual'", [ref.skill, ref.version]);
    return this.applyRules(ref);
  }

  /** Quarantines a version (kept, with why and what was found, until a person releases it). */
  quarantine(ref: SkillRef, record: { reason: string; findings: unknown[]; content?: string }): void {
    checkRef(ref);
    this.db.run(
      `INSERT INTO skill_quarantine (skill, version, reason, findings, content, created_at, released_at, release_reason)
       VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)
       ON CONFLICT (skill, version) DO UPDATE SET reason = excluded.reason, findings = excluded.findings,
         content = COALESCE(excluded.content, content), released_at = NULL, release_reason = NULL`,
      [ref.skill, ref.version, record.reason, JSON.stringify(record.findings), record.content ?? null, this.now().toISOString()],
    );
  }

  /** The explicit override: the version may be installed again. Returns false when it was not quarantined. */
  releaseQuarantine(ref: SkillRef, reason: string): boolean {
    const open = this.quarantineOf(ref);
    if (!open) return false;
    this.db.run('UPDATE skill_quarantine SET released_at = ?, release_reason = ? WHERE skill = ? AND version = ?', [
      this.now().toISOString(),
      reason,
      ref.skill,
      ref.version,
    ]);
    return true;
  }

  /** True while the version may not be installed without an override: quarantined or blocked, by any cause. */
  isQuarantined(ref: SkillRef): boolean {
    const level = this.state(ref).level;
    return level === 'quarantined' || level === 'blocked';
  }

  state(ref: SkillRef): TrustState {
    const posterior = this.posterior(ref);
    const row = this.trustRow(ref);
    const quarantine = this.quarantineOf(ref);
    if (row?.set_by === 'manual') return { ...ref, ...posterior, level: row.level, setBy: 'manual', reason: row.reason, ...(quarantine ? { quarantine } : {}) };
    if (quarantine && row?.level !== 'blocked') return { ...ref, ...posterior, level: 'quarantined', setBy: 'scan', reason: quarantine.reason, quarantine };
    const decided = row ?? levelFromOutcomes(posterior, undefined, this.rules);
    return { ...ref, ...posterior, level: decided.level, setBy: 'rules', reason: decided.reason };
  }

  /** Every version of `skill` with any trust record, newest activity first. */
  versionsOf(skill: string): TrustState[] {
    const rows = this.db.all<{ version: string; at: string }>(
      `SELECT version, MAX(at) AS at FROM (
         SELECT version, created_at AS at FROM skill_outcomes WHERE skill = :s
         UNION ALL SELECT version, updated_at FROM skill_trust WHERE skill = :s
         UNION ALL SELECT version, created_at FROM skill_quarantine WHERE skill = :s
       ) GROUP BY version ORDER BY at DESC, version`,
      { ':s': skill },
    );
    return rows.map((r) => this.state({ skill, version: r.version }));
  }

  outcomes(ref: SkillRef): OutcomeRecord[] {
    return this.db
      .all<{ outcome: Outcome; source: string; session_key: string | null; kind: string | null; reason: string | null; created_at: string }>(
        'SELECT outcome, source, session_key, kind, reason, created_at FROM skill_outcomes WHERE skill = ? AND version = ? ORDER BY id',
        [ref.skill, ref.version],
      )
      .map((r) => ({ ...ref, outcome: r.outcome, source: r.source, sessionKey: r.session_key, kind: r.kind, reason: r.reason, createdAt: r.created_at }));
  }

  private posterior(ref: SkillRef): TrustPosterior {
    const row = this.db.get<{ s: number | null; f: number | null }>(
      "SELECT SUM(outcome = 'success') AS s, SUM(outcome = 'failure') AS f FROM skill_outcomes WHERE skill = ? AND version = ?",
      [ref.skill, ref.version],
    );
    return posteriorOf(Number(row?.s ?? 0), Number(row?.f ?? 0));
  }

  /** Re-decides the level from the outcomes unless a person has decided; records a change with its reason. */
  private applyRules(ref: SkillRef): TrustState {
    const row = this.trustRow(ref);
    if (row?.set_by !== 'manual') {
      const decided = levelFromOutcomes(this.posterior(ref), row?.level, this.rules);
      if (!row || row.level !== decided.level || row.reason !== decided.reason) this.writeLevel(ref, decided.level, 'rules', decided.reason);
    }
    return this.state(ref);
  }

  private writeLevel(ref: SkillRef, level: TrustLevel, setBy: 'rules' | 'manual', reason: string): void {
    this.db.run(
      `INSERT INTO skill_trust (skill, version, level, set_by, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (skill, version) DO UPDATE SET level = excluded.level, set_by = excluded.set_by, reason = excluded.reason, updated_at = excluded.updated_at`,
      [ref.skill, ref.version, level, setBy, reason, this.now().toISOString()],
    );
  }

  private trustRow(ref: SkillRef): TrustRow | undefined {
    return this.db.get<TrustRow>('SELECT level, set_by, reason FROM skill_trust WHERE skill = ? AND version = ?', [ref.skill, ref.version]);
  }

  private quarantineOf(ref: SkillRef): QuarantineRecord | undefined {
    const row = this.db.get<{ reason: string; findings: string; content: string | null; created_at: string }>(
      'SELECT reason, findings, content, created_at FROM skill_quarantine WHERE skill = ? AND version = ? AND released_at IS NULL',
      [ref.skill, ref.version],
    );
    if (!row) return undefined;
    return { reason: row.reason, findings: parseFindings(row.findings), ...(row.content !== null ? { content: row.content } : {}), createdAt: row.created_at };
  }
}

function checkRef(ref: SkillRef): void {
  if (!ref.skill?.trim()) throw new SkillsmithError('a skill name is required', 'trust');
  if (!ref.version?.trim()) throw new SkillsmithError('a version is required', `skill ${ref.skill}`);
}

function parseFindings(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

/** Records one outcome; the API the evolution loop calls once per scored session and used skill version. */
export function recordOutcome(db: SqlRunner, skill: string, version: string, outcome: Outcome, source: string, opts: OutcomeOptions = {}): TrustState {
  return new TrustStore(db).recordOutcome({ skill, version }, outcome, source, opts);
}

/** Whether a version may be installed only with an explicit override (the install command asks this). */
export function isQuarantined(db: SqlRunner, skill: string, version: string): boolean {
  return new TrustStore(db).isQuarantined({ skill, version });
}
