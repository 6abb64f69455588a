import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { distillStored } from '../distill/distill';
import type { DistillEngine } from '../distill/engine';
import type { PipelineProgress } from '../distill/pipeline/run';
import type { RunTokens } from '../distill/run-tokens';
import { SkillsmithError } from '../errors';
import { ingest, type IngestProgress } from '../ingest/ingest';
import { listSessions, loadTrajectory, saveSession, type StoredSession } from '../ingest/sessions';
import { checkLlmConfig, type LlmConfig } from '../llm/config';
import type { ChatTransport } from '../llm/types';
import { formatProblem } from '../transcripts/adapter';
import { SkillLibrary } from '../skills/library/library';
import { StateStore } from '../store/database';
import { discoverSources } from '../transcripts/discovery/discover';
import { hindsight, type Hindsight } from './hindsight';
import { requestsOf, type EvalRequest } from './requests';
import { librarySkills } from './skills';
import { removeAbandonedScratch } from './abandoned-scratch';

const SCRATCH_PREFIX = 'skillsmith-eval-';

export const DEFAULT_EVAL_SPLIT = 0.7;
export const DEFAULT_EVAL_K = 3;

/** What `skillsmith eval` is asked: which sessions, how to split them, and which engine distills. */
export interface EvalInput {
  /** Files or folders of sessions; empty means the discovered agent stores (as `distill` takes them). */
  paths: string[];
  workspace: string;
  allWorkspaces: boolean;
  extraFolders?: string[];
  /** The share of sessions, by start time, that is distilled (default 0.7); the rest is judged. */
  split?: number;
  /** Skills matched per request (default 3); raw reuse reuses as many earlier requests. */
  k?: number;
  /** The engine's model; the offline engine when absent or `offline`. */
  llm?: LlmConfig;
  /** Distillation's minimum number of distinct sessions per skill. */
  minSessions?: number;
  /** Distill into this folder and keep it (to read the skills); default: a temporary folder, removed after. */
  keepDir?: string;
}

export type EvalPhase = 'ingest' | 'distill' | 'match';

export interface EvalProgress {
  phase: EvalPhase;
  done: number;
  total: number;
  /** Seconds left in this phase, from its pace so far; absent until there is a pace. */
  etaSeconds?: number;
  detail?: string;
}

export interface EvalReport extends Hindsight {
  split: {
    fraction: number;
    sessions: number;
    earlier: number;
    later: number;
    /** Sessions without a start time, which cannot be placed before or after the cut (left out). */
    undated: number;
    /** The start time of the first later session. */
    boundary?: string;
  };
  engine: string;
  /** Requests of the earlier sessions (what the baselines draw on), and how many ran a command. */
  earlierRequests: { total: number; withCommands: number };
  laterRequests: { total: number; withCommands: number; withFailures: number };
  skills: { name: string; named: number }[];
  /** What the distillation spent on a model (zero offline). */
  tokens: RunTokens;
  /** Problems worth telling (unreadable files, skills that failed to write); never in the scores. */
  problems: string[];
}

export interface EvalRunOptions {
  onProgress?: (p: EvalProgress) => void;
  signal?: AbortSignal;
  chatTransport?: ChatTransport;
  /** Replaces the engine the config picks (tests). */
  engine?: DistillEngine;
  /** For the ETA; defaults to the wall clock. */
  now?: () => number;
}

/**
 * Hindsight evaluation on the user's own history. The sessions are read into a scratch home (never the
 * user's library or state), split by start time, the earlier part distilled there with the chosen
 * engine, and each request of the later part scored against the skills and the two baselines.
 */
export async function runEval(input: EvalInput, opts: EvalRunOptions = {}): Promise<EvalReport> {
  const fraction = input.split ?? DEFAULT_EVAL_SPLIT;
  const k = input.k ?? DEFAULT_EVAL_K;
  checkEvalInput(fraction, k, input);
  if (!input.keepDir) await removeAbandonedScratch(tmpdir(), SCRATCH_PREFIX);
  const scratch = input.keepDir ? await emptyFolder(resolve(input.keepDir)) : await mkdtemp(join(tmpdir(), SCRATCH_PREFIX));
  const progress = progressReporter(opts.onProgress, opts.now ?? Date.now);
  const problems: string[] = [];
  try {
    const all = await StateStore.open(join(scratch, 'sessions.db'), { writeDelayMs: 5_000 });
    let earlierSessions: StoredSession[];
    let laterSessions: StoredSession[];
    let undated: number;
    const earlier: EvalRequest[] = [];
    const later: EvalRequest[] = [];
    const home = { root: join(scratch, 'home'), library: join(scratch, 'home', 'library'), state: join(scratch, 'home', 'state.db') };
    await mkdir(home.root, { recursive: true });
    const store = await StateStore.open(home.state, { writeDelayMs: 5_000 });
    try {
      try {
        const targets = input.paths.length > 0 ? input.paths : discoverSources({ workspace: input.workspace, extraFolders: input.extraFolders }).filter((l) => l.exists);
        const report = await ingest(all, targets, {
          workspace: input.paths.length > 0 ? undefined : input.workspace,
          allWorkspaces: input.paths.length > 0 || input.allWorkspaces,
          signal: opts.signal,
          onProgress: (p: IngestProgress) => progress('ingest', p.done, p.total),
        });
        problems.push(...report.problems.map(formatProblem));
        const sessions = listSessions(all);
        ({ earlier: earlierSessions, later: laterSessions, undated } = splitByStart(sessions, fraction));
        // the earlier sessions alone go into the distillation's store, exactly as they were ingested
        for (const s of earlierSessions) {
          const t = loadTrajectory(all, s.key)!;
          store.transaction(() => saveSession(store, t, s.path, JSON.stringify(t), s.contentHash, s.updatedAt));
          earlier.push(...requestsOf(t));
        }
        for (const s of laterSessions) later.push(...requestsOf(loadTrajectory(all, s.key)!));
      } finally {
        await all.close();
      }
      if (laterSessions.length === 0 && earlierSessions.length >= 2) throw new SkillsmithError(`all ${sessionCount(earlierSessions.length)} start at the same moment, so none is later than another`, 'eval', 'give sessions from at least two moments');
      if (laterSessions.length === 0) throw new SkillsmithError(`${sessionCount(earlierSessions.length)} to split: at least two dated sessions are needed`, 'eval', 'give more sessions, or a folder with more history');
      const library = await SkillLibrary.open(home.library);
      if (input.llm) checkLlmConfig(input.llm, 'LLM settings');
      const pass = await distillStored(store, library, {
        llm: input.llm,
        minSessions: input.minSessions,
        engine: opts.engine,
        chatTransport: opts.chatTransport,
        signal: opts.signal,
        onProgress: (p: PipelineProgress) => progress('distill', p.done, p.total, p.phase),
      });
      problems.push(...pass.pipeline.problems, ...pass.warnings);
      const { skills, problems: unreadable } = await librarySkills(library);
      problems.push(...unreadable);
      const result = hindsight(skills, earlier, later, { k, signal: opts.signal, onRequest: (done, total) => progress('match', done, total) });
      return {
        split: { fraction, sessions: earlierSessions.length + laterSessions.length + undated, earlier: earlierSessions.length, later: laterSessions.length, undated, ...(laterSessions[0]?.startedAt ? { boundary: laterSessions[0].startedAt } : {}) },
        engine: pass.engineName,
        earlierRequests: { total: earlier.length, withCommands: earlier.filter((r) => r.succeeded.length + r.failed.length > 0).length },
        laterRequests: {
          total: later.length,
          withCommands: later.filter((r) => r.succeeded.length > 0).length,
          withFailures: later.filter((r) => r.failed.length > 0).length,
        },
        skills: skillsNamed(result, skills.map((s) => s.name)),
        ...result,
        tokens: pass.tokens,
        problems,
      };
    } finally {
      await store.close();
    }
  } finally {
    if (!input.keepDir) await rm(scratch, { recursive: true, force: true });
  }
}

function sessionCount(n: number): string {
  return n === 1 ? '1 dated session' : `${n} dated sessions`;
}

/**
 * The dated sessions, oldest first (ties by key), cut after the first `fraction` of them (rounded down,
 * at least one on each side when there are two or more). Undated sessions cannot be placed and are left out.
 */
export function splitByStart<T extends { key: string; startedAt?: string }>(all: readonly T[], fraction: number): { earlier: T[]; later: T[]; undated: number } {
  const dated = all
    .filter((s) => s.startedAt !== undefined && !Number.isNaN(Date.parse(s.startedAt)))
    .sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!) || a.key.localeCompare(b.key));
  if (dated.length < 2) return { earlier: dated, later: [], undated: all.length - dated.length };
  const wanted = Math.min(dated.length - 1, Math.max(1, Math.floor(dated.length * fraction)));
  const cut = nearestTimeBoundary(dated.map((s) => Date.parse(s.startedAt!)), wanted);
  return { earlier: dated.slice(0, cut), later: dated.slice(cut), undated: all.length - dated.length };
}

/**
 * The cut nearest `wanted` (ties: the later one) where the start time changes: a session that starts at the
 * same moment as an earlier one is not later, so judging it with skills distilled from the other would not be
 * hindsight. No such cut (all at one moment): everything is earlier, nothing later.
 */
function nearestTimeBoundary(starts: number[], wanted: number): number {
  const isBoundary = (c: number) => c >= 1 && c < starts.length && starts[c - 1] < starts[c];
  for (let d = 0; d < starts.length; d++) {
    if (isBoundary(wanted + d)) return wanted + d;
    if (isBoundary(wanted - d)) return wanted - d;
  }
  return starts.length;
}

function checkEvalInput(fraction: number, k: number, input: EvalInput): void {
  if (!(typeof fraction === 'number' && fraction > 0 && fraction < 1)) throw new SkillsmithError(`must be a share between 0 and 1 (exclusive), got ${fraction}`, 'eval split');
  if (!(Number.isInteger(k) && k >= 1)) throw new SkillsmithError(`must be a whole number of at least 1, got ${k}`, 'eval k');
  const n = input.minSessions;
  if (n !== undefined && !(Number.isInteger(n) && n >= 1)) throw new SkillsmithError(`must be a whole number of at least 1, got ${n}`, 'eval minSessions');
}

/** The folder to keep the distillation in: created, or refused when it already holds something. */
async function emptyFolder(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new SkillsmithError('is not empty', dir, 'name a new or empty folder to keep the distillation in');
  return dir;
}

/** Skills by name with how many commands each names. */
function skillsNamed(result: Hindsight, names: string[]): { name: string; named: number }[] {
  return names.map((name) => ({ name, named: result.namedBySkill[name] ?? 0 }));
}

/** Progress per phase, with an ETA from the phase's pace so far. */
function progressReporter(onProgress: ((p: EvalProgress) => void) | undefined, now: () => number) {
  let phase: string | undefined;
  let started = 0;
  return (p: EvalPhase, done: number, total: number, detail?: string) => {
    if (!onProgress) return;
    const key = `${p}:${detail ?? ''}`;
    if (key !== phase) {
      phase = key;
      started = now();
    }
    const elapsed = (now() - started) / 1000;
    const etaSeconds = done > 0 && total > done ? Math.round((elapsed / done) * (total - done)) : undefined;
    onProgress({ phase: p, done, total, ...(etaSeconds !== undefined ? { etaSeconds } : {}), ...(detail ? { detail } : {}) });
  };
}
