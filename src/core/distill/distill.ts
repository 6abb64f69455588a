import { homedir } from 'node:os';
import { SkillsmithError } from '../errors';
import { ingest, type IngestProgress, type IngestReport } from '../ingest/ingest';
import type { HomePaths } from '../home';
import { SkillLibrary } from '../skills/library/library';
import { StateStore } from '../store/database';
import { discoverSources } from '../transcripts/discovery/discover';
import { checkLlmConfig, type LlmConfig } from '../llm/config';
import { createLlmClient } from '../llm/create-client';
import { StoreTokenLedger } from '../llm/store-ledger';
import { GuardedLlmClient } from '../llm/guarded-client';
import type { ChatTransport, LlmClient, LlmLogger } from '../llm/types';
import { evolve, type EvolveReport } from '../evolve/loop';
import { TrustStore } from '../match/trust/trust-store';
import { checkTrustRules, type TrustRules } from '../match/trust/levels';
import { canarySettings, type CanarySettings } from '../evolve/canary/settings';
import type { InstallContext } from '../skills/install/install';
import type { InstallScope } from '../skills/install/agents';
import type { DistillEngine } from './engine';
import { LlmEngine } from './llm/llm-engine';
import { splitJobs } from './llm/plan-splits';
import { OfflineEngine } from './offline/offline-engine';
import { DEFAULT_OFFLINE_RULES } from './offline/engine';
import { runPipeline, type PipelineProgress, type PipelineReport } from './pipeline/run';
import { RunLedger, type RunTokens } from './run-tokens';

/** What `distill` is asked to do: read sessions (named paths, or the discovered ones) and distill them. */
export interface DistillRequest {
  home: HomePaths;
  /** Files or folders to ingest; empty means the discovered agent stores. */
  paths: string[];
  /** The workspace whose sessions count when `paths` is empty. */
  workspace: string;
  allWorkspaces: boolean;
  /** More folders to read along with the discovered stores when `paths` is empty (the extension's transcript folders). */
  extraFolders?: string[];
  /** Read the sessions kept in the workspace's own files (ingest/workspace-borne.ts): only for a trusted workspace. */
  workspaceSessions?: boolean;
  /** Stop after the ingest: the sessions are stored, the pipeline does not run (the extension's "Ingest Now"). */
  ingestOnly?: boolean;
  /** The model to distill with; the offline engine when absent or when its provider is `offline`. */
  llm?: LlmConfig;
  /** The user's rules (settings in VS Code, flags and environment in the CLI); each one absent keeps its default. */
  rules?: DistillRules;
  /** The install scopes the evolution step may move (default: all); an untrusted editor workspace gives `['user']`. */
  installScopes?: InstallScope[];
}

/** What a user may set about distilling and evolving. */
export interface DistillRules {
  /** A new skill, or a new version of one, needs evidence from at least this many distinct sessions. */
  minSessions?: number;
  /** How canaries started from this run are shaped. */
  canary?: Partial<CanarySettings>;
  /** Candidates of installed skills go into a canary after the run (default true); off, they wait for review. */
  autoStartCanaries?: boolean;
  /** When outcomes promote or demote a version's trust level. */
  trust?: TrustRules;
}

/** Refuses a rule that is out of range, with a one-line error naming it, before anything is read. */
export function checkDistillRules(rules: DistillRules = {}): void {
  const n = rules.minSessions;
  if (n !== undefined && !(Number.isInteger(n) && n >= 1)) throw new SkillsmithError(`must be a whole number of at least 1, got ${n}`, 'distill minSessions');
  if (rules.canary) canarySettings(rules.canary);
  if (rules.trust) checkTrustRules(rules.trust, 'trust rules');
  const auto = rules.autoStartCanaries;
  if (auto !== undefined && typeof auto !== 'boolean') throw new SkillsmithError(`must be true or false, got ${JSON.stringify(auto)}`, 'canary autoStart');
}

export type DistillProgress = { stage: 'ingest'; progress: IngestProgress } | { stage: 'pipeline'; progress: PipelineProgress };

export interface DistillResult {
  ingest: IngestReport;
  pipeline: PipelineReport;
  notices: string[];
  /** What this run spent on the model (zero offline). */
  tokens: RunTokens;
  /** Skill uses scored, canary looks and decisions, and which canary arm the installs now carry. */
  evolution?: EvolveReport;
}

/** Retry and repair lines from the LLM client, kept short: the run's result says what matters. */
const MAX_LLM_NOTICES = 5;

/**
 * The main job: ingest, then take every stored session through the pipeline. The engine is offline until
 * a model-backed one is configured; the state store and the library are opened here and closed on the way out.
 */
export async function distill(
  request: DistillRequest,
  opts: {
    engine?: DistillEngine;
    onProgress?: (p: DistillProgress) => void;
    signal?: AbortSignal;
    /** How to reach the VS Code language model (provider `vscode-lm`), which only the extension host can call. */
    chatTransport?: ChatTransport;
  } = {},
): Promise<DistillResult> {
  if (request.llm) checkLlmConfig(request.llm, 'LLM settings');
  checkDistillRules(request.rules);
  const rules = request.rules ?? {};
  const notices: string[] = [];
  const store = await StateStore.open(request.home.state, { onNotice: (m) => notices.push(m) });
  try {
    const library = await SkillLibrary.open(request.home.library);
    const targets = request.paths.length > 0 ? request.paths : discoverSources({ workspace: request.workspace, extraFolders: request.extraFolders }).filter((l) => l.exists);
    const ingested = await ingest(store, targets, {
      workspace: request.paths.length > 0 ? undefined : request.workspace,
      allWorkspaces: request.paths.length > 0 || request.allWorkspaces,
      workspaceSessions: request.workspaceSessions,
      signal: opts.signal,
      onProgress: (progress) => opts.onProgress?.({ stage: 'ingest', progress }),
    });
    if (request.ingestOnly) return { ingest: ingested, pipeline: nothingDistilled(), notices, tokens: { engine: 'none', inputTokens: 0, outputTokens: 0, calls: 0, byStage: [] } };
    const { pipeline, client, tokens, ...pass } = await distillStored(store, library, {
      llm: request.llm,
      minSessions: rules.minSessions,
      engine: opts.engine,
      chatTransport: opts.chatTransport,
      signal: opts.signal,
      onProgress: (progress) => opts.onProgress?.({ stage: 'pipeline', progress }),
    });
    notices.push(...pass.warnings);
    pipeline.problems.push(...pass.engineProblems);
    notices.push(...pass.engineNotices);
    const evolution = await evolve(installContext(store, library, request.home, rules.trust, request.installScopes), {
      llm: client,
      canary: rules.canary,
      autoStartCanaries: rules.autoStartCanaries,
      trust: rules.trust,
      onNotice: (m) => notices.push(m),
    });
    return { ingest: ingested, pipeline, notices, tokens, evolution };
  } finally {
    await store.close();
  }
}

/** What one pass of the pipeline over the stored sessions gave, with the engine's own remarks kept apart. */
export interface DistillPass {
  pipeline: PipelineReport;
  engineName: string;
  /** The model client the pass used; none offline. */
  client?: LlmClient;
  tokens: RunTokens;
  /** Retry and repair lines of the model client, summed up. */
  warnings: string[];
  engineProblems: string[];
  engineNotices: string[];
}

/**
 * Every stored session through the pipeline, with the engine the config asks for (offline when none):
 * the step `distill` and `skillsmith eval` share. Tokens are recorded in the store's ledger.
 */
export async function distillStored(
  store: StateStore,
  library: SkillLibrary,
  opts: { llm?: LlmConfig; minSessions?: number; engine?: DistillEngine; chatTransport?: ChatTransport; signal?: AbortSignal; onProgress?: (p: PipelineProgress) => void },
): Promise<DistillPass> {
  const groupRules = { ...DEFAULT_OFFLINE_RULES, ...(opts.minSessions !== undefined ? { minSessions: opts.minSessions } : {}) };
  const ledger = new RunLedger(new StoreTokenLedger(store));
  const warnings = llmWarnings();
  const client = clientFor(opts.llm, ledger, warnings.logger, opts.chatTransport);
  const engine = opts.engine ?? (client ? new LlmEngine(client, { groupRules }) : new OfflineEngine(groupRules));
  // short sessions share split calls; the pipeline then finds their atoms ready
  if (engine instanceof LlmEngine) await engine.planSplits(splitJobs(store), opts.signal);
  const pipeline = await runPipeline({
    store,
    library,
    engine,
    rules: opts.minSessions !== undefined ? { minSessions: opts.minSessions } : {},
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
  const own = engine instanceof LlmEngine ? { engineProblems: engine.problems, engineNotices: engine.notices } : { engineProblems: [], engineNotices: [] };
  return { pipeline, engineName: engine.name, client, tokens: ledger.spent(engine.name), warnings: warnings.summary(), ...own };
}

function nothingDistilled(): PipelineReport {
  return { engine: 'none', sessionsSplit: 0, atomsAdded: 0, atomsRouted: 0, created: [], updated: [], commits: 0, declined: 0, skippedAsDeclined: 0, unwritten: 0, problems: [] };
}

/** The model a config asks for, none offline. Every call is recorded in `ledger`. */
function clientFor(config: LlmConfig | undefined, ledger: RunLedger, logger: LlmLogger, chat?: ChatTransport): LlmClient | undefined {
  if (!config || config.provider === 'offline') return undefined;
  if (config.provider === 'vscode-lm') {
    if (!chat) throw new SkillsmithError('the VS Code language model is only reachable from inside VS Code', 'LLM settings', 'choose openai or offline here');
    return new GuardedLlmClient(chat, { limits: config.limits, maxOutputTokens: config.maxOutputTokens, ledger, logger });
  }
  return createLlmClient(config, { ledger, logger });
}

/** Installs as the evolution step moves them: user-level folders under this user's home. */
function installContext(store: StateStore, library: SkillLibrary, home: HomePaths, trustRules?: TrustRules, scopes?: InstallScope[]): InstallContext {
  const trust = new TrustStore(store, trustRules);
  return { store, library, skillsmithHome: home.root, userHome: homedir(), isQuarantined: (skill, version) => trust.isQuarantined({ skill, version }), ...(scopes ? { scopes } : {}) };
}

/** Retries and repairs, summed up after the run: the first few as they were, then a count. */
function llmWarnings(): { logger: LlmLogger; summary(): string[] } {
  const lines: string[] = [];
  return {
    logger: { debug: () => undefined, warn: (line) => void lines.push(line) },
    summary: () => [...lines.slice(0, MAX_LLM_NOTICES), ...(lines.length > MAX_LLM_NOTICES ? [`… and ${lines.length - MAX_LLM_NOTICES} more LLM retries or repairs`] : [])],
  };
}
