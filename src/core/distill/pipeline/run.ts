import { SkillsmithError } from '../../errors';
import { attributeSession } from '../../evolve/attribution/attribute';
import { listSessions, loadTrajectory } from '../../ingest/sessions';
import { headingsOf, SkillIndex } from '../../match/skill-index';
import type { SkillLibrary } from '../../skills/library/library';
import type { SkillCandidate } from '../../skills/library/types';
import { parseSkillMd } from '../../skills/skillmd/parse';
import { isProjectSkill, projectOf, skillProject } from '../../skills/scope';
import type { StateStore } from '../../store/database';
import type { Atom } from '../atoms/types';
import { isUnanswered, type CandidateSkill, type DistillEngine, type RouteRequest, type Routing } from '../engine';
import type { SkillDraft } from '../offline/draft';
import { splitTrajectory } from '../split/heuristic';
import { atomsOfReason, commitDraft, provenanceReason } from './commit-draft';
import { PipelineState } from './state';
import { whyNothingWritten } from './why-nothing';

export interface PipelineRules {
  /** A revision of an existing skill needs this much unused evidence (sum of weights, 0..1 each)… */
  reviseWeight: number;
  /** …from at least this many distinct sessions. */
  minSessions: number;
  /** Candidates retrieval puts before the router for one atom. */
  routeK: number;
  /** Atoms per routing call. */
  routeBatch: number;
}

export const DEFAULT_PIPELINE_RULES: PipelineRules = { reviseWeight: 1, minSessions: 2, routeK: 8, routeBatch: 8 };

export interface PipelineProgress {
  phase: 'split' | 'route' | 'write';
  done: number;
  total: number;
  detail?: string;
}

export interface PipelineReport {
  engine: string;
  sessionsSplit: number;
  atomsAdded: number;
  atomsRouted: number;
  created: { name: string; version: string }[];
  updated: { name: string; version: string }[];
  /** Commits made; zero on a run that found nothing new. */
  commits: number;
  /** Candidate groups the engine judged not to be a skill on this run. */
  declined: number;
  /** Candidate groups not asked about because an earlier run declined them and no new session added evidence. */
  skippedAsDeclined: number;
  /** Groups the engine got no usable answer for: nothing was written for them, their sessions wait for the next run. */
  unwritten: number;
  /** When the run wrote nothing: why, in one line (see whyNothingWritten). */
  nothingWritten?: string;
  problems: string[];
}

export interface PipelineContext {
  store: StateStore;
  library: SkillLibrary;
  engine: DistillEngine;
  rules?: Partial<PipelineRules>;
  onProgress?: (p: PipelineProgress) => void;
  signal?: AbortSignal;
}

/**
 * Takes every ingested session through split → route → write. Each stage is saved per session before the
 * next begins, so a run that is killed resumes where it stopped, and a run over unchanged sessions does
 * nothing at all: no model call, no commit.
 */
export async function runPipeline(ctx: PipelineContext): Promise<PipelineReport> {
  const rules = { ...DEFAULT_PIPELINE_RULES, ...ctx.rules };
  const state = new PipelineState(ctx.store);
  const report: PipelineReport = { engine: ctx.engine.name, sessionsSplit: 0, atomsAdded: 0, atomsRouted: 0, created: [], updated: [], commits: 0, declined: 0, skippedAsDeclined: 0, unwritten: 0, problems: [] };
  await splitPhase(ctx, state, report);
  await routePhase(ctx, state, rules, report);
  await writePhase(ctx, state, rules, report);
  await ctx.store.flush();
  if (report.created.length + report.updated.length === 0 && report.unwritten === 0 && !report.nothingWritten) {
    report.nothingWritten = report.sessionsSplit === 0 ? 'no new or changed session since the last run' : 'the new requests went to existing skills, not yet enough for a new version';
  }
  return report;
}

async function splitPhase(ctx: PipelineContext, state: PipelineState, report: PipelineReport): Promise<void> {
  const sessions = listSessions(ctx.store, { skipMissing: true }).filter((s) => {
    const p = state.progress(s.key);
    return !p || p.contentHash !== s.contentHash;
  });
  for (const [i, s] of sessions.entries()) {
    checkCancelled(ctx.signal);
    ctx.onProgress?.({ phase: 'split', done: i, total: sessions.length, detail: s.key });
    const t = loadTrajectory(ctx.store, s.key);
    if (!t) continue;
    const previous = state.progress(s.key);
    const fromTurn = previous ? state.lastAtomStart(s.key) ?? 0 : 0;
    // No new user turn means no new intent: extend the last atom without asking the engine (or a model).
    const newRequest = t.turns.slice(previous?.splitTurns ?? 0).some((turn) => turn.role === 'user');
    const atoms = newRequest ? await ctx.engine.split(t, fromTurn, ctx.signal) : splitTrajectory(t, fromTurn);
    state.replaceAtoms(s.key, fromTurn, atoms);
    // which skills (and versions) each atom loaded, for outcome scoring and the canary
    ctx.store.transaction(() => attributeSession(ctx.store, t, s.key));
    state.setStage(s.key, 'split', { splitTurns: t.turns.length, contentHash: s.contentHash });
    report.sessionsSplit++;
    report.atomsAdded += atoms.length;
    await ctx.store.flush();
  }
}

async function routePhase(ctx: PipelineContext, state: PipelineState, rules: PipelineRules, report: PipelineReport): Promise<void> {
  // sessions a killed run finished routing, and sessions with nothing to route, move on first
  ctx.store.transaction(() => state.advanceRoutedSessions());
  const atoms = state.unroutedAtoms();
  if (atoms.length === 0) return;
  const catalog = await loadCatalog(ctx.library);
  for (let i = 0; i < atoms.length; i += rules.routeBatch) {
    checkCancelled(ctx.signal);
    ctx.onProgress?.({ phase: 'route', done: i, total: atoms.length });
    const batch = atoms.slice(i, i + rules.routeBatch).map((atom) => ({ atom, candidates: catalog.shortlist(atom, rules.routeK) }));
    // An atom retrieval finds nothing for is unclaimed without a routing call.
    const asked = batch.filter((r) => r.candidates.length > 0);
    const routings: Routing[] = asked.length ? await ctx.engine.route(asked, ctx.signal) : [];
    const byAtom = new Map(routings.map((r) => [r.atomId, r]));
    state.recordRoutings(batch.map(({ atom }) => validRouting(byAtom.get(atom.id), atom, batch)));
    report.atomsRouted += batch.length;
    await ctx.store.flush();
  }
}

/** A routing may only name one of the atom's own candidates; anything else counts as no skill. */
function validRouting(r: Routing | undefined, atom: Atom, batch: RouteRequest[]): Routing {
  const candidates = batch.find((b) => b.atom.id === atom.id)?.candidates ?? [];
  if (!r?.skill || !candidates.some((c) => c.name === r.skill)) return { atomId: atom.id, weight: 0 };
  return { atomId: atom.id, skill: r.skill, weight: Math.max(0, Math.min(1, r.weight)) };
}

/**
 * Revises skills with enough new evidence, then proposes new ones from what no skill claimed. A waiting
 * session becomes `written` only once every one of its atoms has an answer: written into a committed
 * draft, declined, refused, or judged not (yet) enough for a skill. An atom of a group the engine could
 * not answer for (no usable reply) keeps its session waiting, so the next run asks again.
 */
async function writePhase(ctx: PipelineContext, state: PipelineState, rules: PipelineRules, report: PipelineReport): Promise<void> {
  const waiting = ctx.store.all<{ session_key: string }>("SELECT session_key FROM distill_sessions WHERE stage = 'routed'").map((r) => r.session_key);
  const unrevised = await reviseSkills(ctx, state, rules, report);
  const unsettled = new Set([...unrevised, ...(waiting.length > 0 ? await proposeSkills(ctx, state, rules, report) : [])]);
  const open = new Set(state.atomsById([...unsettled]).map((a) => a.sessionKey));
  ctx.store.transaction(() => {
    for (const key of waiting) if (!open.has(key)) state.setStage(key, 'written');
  });
  await ctx.store.flush();
}

/** Revises skills with enough new evidence; returns the atoms of revisions the engine could not answer for. */
async function reviseSkills(ctx: PipelineContext, state: PipelineState, rules: PipelineRules, report: PipelineReport): Promise<Set<string>> {
  const unsettled = new Set<string>();
  const pending = [...state.pendingEvidence()].filter(([, rows]) => rows.some((r) => r.kind === 'existing'));
  for (const [i, [skill, rows]] of pending.entries()) {
    checkCancelled(ctx.signal);
    ctx.onProgress?.({ phase: 'write', done: i, total: pending.length, detail: skill });
    const fresh = state.atomsById(rows.map((r) => r.atomId));
    const sessions = new Set(fresh.map((a) => a.sessionKey));
    const weight = rows.reduce((sum, r) => sum + r.weight, 0);
    if (weight < rules.reviseWeight || sessions.size < rules.minSessions) continue;
    const files = await currentFiles(ctx.library, skill);
    if (!files) continue;
    const evidence = state.atomsById(state.evidenceAtomIds(skill));
    const draft = await ctx.engine.revise({ name: skill, files }, evidence, ctx.signal);
    if (isUnanswered(draft)) {
      // nothing was decided: the evidence stays pending and its sessions wait for the next run
      report.unwritten++;
      for (const r of rows) unsettled.add(r.atomId);
      continue;
    }
    if (!draft) {
      state.markConsumed(skill, rows.map((r) => r.atomId), 'kept');
      continue;
    }
    const result = await commitOrReport(ctx, draft, provenanceReason('revision', draft, ctx.engine.name), report);
    if (!result) continue;
    state.recordVersion(skill, result.version, evidence, 'existing');
    report.updated.push({ name: skill, version: result.version });
  }
  return unsettled;
}

/** Proposes and commits new skills; returns the atoms left without an answer (see writePhase). */
async function proposeSkills(ctx: PipelineContext, state: PipelineState, rules: PipelineRules, report: PipelineReport): Promise<Set<string>> {
  const unclaimed = state.unclaimedAtoms();
  if (unclaimed.length === 0) return new Set();
  const taken = await takenNames(ctx, state, unclaimed);
  const { drafts, declined, skippedAsDeclined, unanswered = [] } = await ctx.engine.propose({ unclaimed, takenNames: taken, declined: state.declinedGroups() }, ctx.signal);
  const unsettled = new Set(unanswered.flatMap((u) => u.atoms));
  report.unwritten += unanswered.length;
  // a decline is a finished answer: saved at once, so a run killed later does not ask for it again
  for (const d of declined) state.recordDecline(d);
  if (declined.length > 0) await ctx.store.flush();
  report.declined += declined.length;
  report.skippedAsDeclined += skippedAsDeclined;
  // Commit every draft before recording any: a run killed in between proposes the same drafts again.
  const committed: { draft: SkillDraft; version: string }[] = [];
  for (const [i, draft] of drafts.entries()) {
    checkCancelled(ctx.signal);
    ctx.onProgress?.({ phase: 'write', done: i, total: drafts.length, detail: draft.name });
    const result = await commitOrReport(ctx, draft, provenanceReason('new skill', draft, ctx.engine.name), report);
    // a draft refused here (invalid, a secret, quarantined) is an answer too: reported, not retried
    if (result) committed.push({ draft, version: result.version });
  }
  ctx.store.transaction(() => {
    for (const { draft, version } of committed) state.recordVersion(draft.name, version, state.atomsById(draft.evidence.atoms), 'proposal');
  });
  for (const { draft, version } of committed) report.created.push({ name: draft.name, version });
  if (drafts.length === 0 && unanswered.length === 0) report.nothingWritten = whyNothingWritten(unclaimed, rules.minSessions);
  return unsettled;
}

/**
 * Names a new skill may not take: the library's skills and the drafts awaiting review. A draft a killed
 * run committed but never recorded (no provenance, and every atom its commit names is still unclaimed) is
 * this proposal's own unfinished work: its name stays free, so the same draft comes back under the same
 * name and commitDraft reuses its commit instead of writing it again as `<name>-2`.
 */
async function takenNames(ctx: PipelineContext, state: PipelineState, unclaimed: Atom[]): Promise<Set<string>> {
  const free = new Set(unclaimed.map((a) => a.id));
  const unrecorded = (c: SkillCandidate) => {
    const atoms = atomsOfReason(c.reason);
    return atoms.length > 0 && atoms.every((id) => free.has(id)) && !state.hasProvenance(c.name, c.version.id);
  };
  const candidates = (await ctx.library.listCandidates()).filter((c) => !unrecorded(c));
  return new Set([...(await ctx.library.list()).map((s) => s.name), ...candidates.map((c) => c.name)]);
}

async function commitOrReport(ctx: PipelineContext, draft: SkillDraft, reason: string, report: PipelineReport) {
  try {
    const result = await commitDraft(ctx.library, draft, reason, { store: ctx.store });
    if (result.committed) report.commits++;
    return result;
  } catch (e) {
    if (!(e instanceof SkillsmithError)) throw e;
    report.problems.push(e.describe());
    return undefined;
  }
}

/** The skills routing may choose from: the library's and the drafts awaiting review. */
async function loadCatalog(library: SkillLibrary) {
  const index = new SkillIndex();
  const known = new Map<string, CandidateSkill>();
  const add = (name: string, skillMd: string | undefined) => {
    if (!skillMd) return;
    try {
      const parsed = parseSkillMd(skillMd, `${name}/SKILL.md`);
      const data = parsed.data as { description?: string; metadata?: Record<string, unknown> };
      const workflow = data.metadata?.['skillsmith-workflow'];
      const description = String(data.description ?? '');
      index.upsert({ name, description, headings: headingsOf(parsed.body) });
      const project = skillProject(data.metadata);
      known.set(name, {
        name,
        description,
        score: 0,
        sequence: typeof workflow === 'string' ? workflow.split(' > ') : undefined,
        ...(project ? { project, ...(isProjectSkill(data.metadata) ? { always: true } : {}) } : {}),
      });
    } catch {
      // an unreadable skill cannot be routed to; validation reports it elsewhere
    }
  };
  for (const s of await library.list()) add(s.name, (await library.show(s.name)).files['SKILL.md']);
  for (const c of await library.listCandidates()) add(c.name, (await library.show(c.name, c.version.id)).files['SKILL.md']);
  return {
    /** Retrieval's best, then the atom's own project skill (any work in a project is evidence for it). */
    shortlist(atom: Atom, k: number): CandidateSkill[] {
      const hits = index.query(`${atom.intent} ${atom.summary}`, k, 0.05).map((h) => ({ ...known.get(h.name)!, score: h.score }));
      const project = projectOf(atom.workspace);
      const own = [...known.values()].filter((c) => c.always && c.project === project && !hits.some((h) => h.name === c.name));
      const mine = (c: CandidateSkill) => c.always === true && c.project === project;
      return [...hits.filter((h) => !h.project || h.project === project).map((h) => (mine(h) ? { ...h, score: 1 } : h)), ...own.map((c) => ({ ...c, score: 1 }))];
    },
  };
}

/** The skill's files on its candidate branch if it has one (a draft under review), else in the library. */
async function currentFiles(library: SkillLibrary, name: string): Promise<Record<string, string> | undefined> {
  const candidate = (await library.listCandidates()).find((c) => c.name === name);
  if (candidate) return (await library.show(name, candidate.version.id)).files;
  const inLibrary = (await library.list()).some((s) => s.name === name);
  return inLibrary ? (await library.show(name)).files : undefined;
}

function checkCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new SkillsmithError('cancelled', 'distill', 'run it again to continue where it stopped');
}
