import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { canaryEngineWithInstalls } from '../../core/evolve/canary/by-hand';
import type { CanaryEngine, ReviewEntry } from '../../core/evolve/canary/engine';
import { evolve, type EvolveReport } from '../../core/evolve/loop';
import type { TrustCreditReport } from '../../core/evolve/outcome/credit-trust';
import type { ScoringReport } from '../../core/evolve/outcome/score-pending';
import { isQuarantined } from '../../core/match/trust/trust-store';
import type { InstallContext } from '../../core/skills/install/install';
import { MIN_MAX_PER_ARM, planGate, type GatePlan } from '../../core/evolve/canary/gate';
import { DEFAULT_CANARY_SETTINGS } from '../../core/evolve/canary/settings';
import { canaryStatuses } from '../../core/evolve/canary/status';
import { waitingAfterHindsight, type HindsightCheck } from '../../core/evolve/canary/hindsight-checks';
import { simulateGate, type SimulationResult } from '../../core/evolve/canary/simulate';
import type { CanaryStatus } from '../../core/evolve/canary/types';
import { SkillsmithError } from '../../core/errors';
import { createLlmClient, describeLlmConfig, llmConfigFromEnv, StoreTokenLedger } from '../../core/llm';
import { SkillLibrary } from '../../core/skills/library/library';
import { StateStore } from '../../core/store/database';
import { StateLockedError } from '../../core/store/lock';
import { EXIT, type CliContext } from '../context';
import { addLlmOptions, type LlmFlags } from '../llm-options';
import { UsageError } from '../number-options';
import { action } from '../program';
import { trustRulesFromEnv } from '../trust-rules';

interface SimulateOptions {
  arms: string;
  runs: string;
  sessionsPerArm: string;
  seed?: string;
  share?: string;
  maxPerArm?: string;
  looks?: string;
}

export function registerCanary(program: Command): void {
  const canary = program.command('canary').description('A/B canaries: a candidate version of a skill against the current one, on live sessions');
  const sub = (name: string, description: string) => canary.command(name).description(description).option('--json', 'print the result as JSON');

  sub('status', 'every canary, newest first: versions, sessions and samples per arm, looks taken, how it ended').action(action(status));
  sub('start', "start a canary of a skill's candidate against its current version")
    .argument('<skill>')
    .option('--share <fraction>', `share of sessions served the candidate (default ${DEFAULT_CANARY_SETTINGS.share})`)
    .option('--max-per-arm <n>', `scored sessions per arm at the gate's last look (default ${DEFAULT_CANARY_SETTINGS.maxSessionsPerArm})`)
    .option('--looks <n>', `planned looks, equally spaced up to --max-per-arm (default ${DEFAULT_CANARY_SETTINGS.looks})`)
    .option('--expire-after-days <days>', `expire a canary that has not reached its last look after this many days (default ${DEFAULT_CANARY_SETTINGS.expireAfterDays})`)
    .action(action(start));
  addLlmOptions(
    sub('review', 'score the sessions that used a skill (judge where a model is configured), credit trust, then let the gate decide').option(
      '--no-canary',
      'do not start canaries for new candidates of installed skills',
    ),
  ).action(action(review));
  sub('promote', "make a running canary's candidate the current version now").argument('<skill>').action(action(promote));
  sub('stop', "stop a running canary and drop its candidate (kept under refs/rejected with the reason)")
    .argument('<skill>')
    .option('-r, --reason <text>', 'why')
    .action(action(stop));
  sub('simulate', 'run the real gate on simulated sessions with known success rates')
    .requiredOption('--arms <current/candidate>', 'true success rates of the current version and the candidate, e.g. 0.5/0.7')
    .requiredOption('--runs <n>', 'simulated canaries')
    .requiredOption('--sessions-per-arm <n>', 'sessions each arm gets before the time limit')
    .option('--seed <n>', 'seed of the random draws (same seed, same figures)', '1')
    .option('--share <fraction>', 'candidate share of sessions, drawn at random (default: sessions alternate)')
    .option('--max-per-arm <n>', `sessions per arm at the gate's last look (default ${DEFAULT_CANARY_SETTINGS.maxSessionsPerArm})`)
    .option('--looks <n>', `planned looks (default ${DEFAULT_CANARY_SETTINGS.looks})`)
    .action(action(simulate));
  for (const c of canary.commands) c.exitOverride();
  canary.exitOverride();
}

async function withStore<T>(ctx: CliContext, fn: (store: StateStore) => Promise<T>, opts: { readOnlyFallback?: boolean } = {}): Promise<T> {
  const onNotice = (m: string) => ctx.err(`skillsmith: ${m}`);
  let store: StateStore;
  try {
    store = await StateStore.open(ctx.home.state, { onNotice });
  } catch (e) {
    if (!(e instanceof StateLockedError) || !opts.readOnlyFallback) throw e;
    ctx.err(`skillsmith: ${e.describe()}; showing it read-only`);
    store = await StateStore.open(ctx.home.state, { onNotice, readOnly: true });
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The engine with the installs following its decisions (a promotion moves them to the new version). */
async function engineFor(ctx: CliContext, store: StateStore): Promise<CanaryEngine> {
  return canaryEngineWithInstalls(await installContextFor(ctx, store), { onNotice: (m) => ctx.err(`skillsmith: ${m}`) });
}

async function installContextFor(ctx: CliContext, store: StateStore): Promise<InstallContext> {
  const library = await SkillLibrary.open(ctx.home.library);
  return { store, library, skillsmithHome: ctx.home.root, userHome: homedir(), isQuarantined: (skill, version) => isQuarantined(store, skill, version) };
}

async function status(ctx: CliContext): Promise<number> {
  const { all, held } = await withStore(ctx, async (store) => ({ all: canaryStatuses(store), held: await heldCandidates(ctx, store) }), { readOnlyFallback: true });
  if (ctx.json) ctx.out(JSON.stringify(all, null, 2));
  else {
    const canaries = all.length === 0 ? 'No canaries. Start one with `skillsmith canary start SKILL` once a skill has a candidate.' : all.map(formatStatus).join('\n\n');
    ctx.out([canaries, ...(held.length ? ['', formatHeld(held)] : [])].join('\n'));
  }
  return EXIT.ok;
}

/** Candidates the hindsight gate kept out of a canary, still waiting for a person. */
async function heldCandidates(ctx: CliContext, store: StateStore): Promise<HindsightCheck[]> {
  if (!existsSync(join(ctx.home.library, '.git'))) return [];
  return waitingAfterHindsight(store, await (await SkillLibrary.open(ctx.home.library)).listCandidates());
}

function formatHeld(held: HindsightCheck[]): string {
  return [
    'Waiting for review, not put into a canary by the hindsight check (start one by hand with `skillsmith canary start SKILL`):',
    ...held.map((c) => `  ${c.skill}  ${c.reason}`),
  ].join('\n');
}

interface StartOptions {
  share?: string;
  maxPerArm?: string;
  looks?: string;
  expireAfterDays?: string;
}

async function start(ctx: CliContext, [skill]: string[], opts: StartOptions): Promise<number> {
  const shape = gateShape(opts);
  const settings = {
    share: opts.share === undefined ? undefined : fraction(opts.share, '--share'),
    maxSessionsPerArm: opts.maxPerArm === undefined ? undefined : shape.maxSessionsPerArm,
    looks: opts.looks === undefined ? undefined : shape.looks,
    expireAfterDays: opts.expireAfterDays === undefined ? undefined : days(opts.expireAfterDays, '--expire-after-days'),
  };
  const canary = await withStore(ctx, async (store) => (await engineFor(ctx, store)).start(skill, settings));
  if (ctx.json) ctx.out(JSON.stringify(canary, null, 2));
  else {
    ctx.out(
      `Started a canary for ${skill}: candidate ${canary.candidateVersion.slice(0, 7)} against ${canary.currentVersion.slice(0, 7)}, ` +
        `${Math.round(canary.share * 100)}% of sessions, looks at ${canary.plan.looks.map((l) => l.perArm).join('/')} sessions per arm, until ${canary.expiresAt.slice(0, 10)}`,
    );
  }
  return EXIT.ok;
}

async function review(ctx: CliContext, _args: string[], opts: LlmFlags & { canary?: boolean }): Promise<number> {
  const config = llmConfigFromEnv(process.env, opts);
  ctx.debug(`judge: ${describeLlmConfig(config)}`);
  const result = await withStore(ctx, async (store) => {
    const llm = createLlmClient(config, { ledger: new StoreTokenLedger(store) });
    const evolution = await evolve(await installContextFor(ctx, store), {
      llm,
      trust: trustRulesFromEnv(),
      autoStartCanaries: opts.canary !== false,
      onNotice: (m) => ctx.err(`skillsmith: ${m}`),
    });
    for (const s of evolution.scoring.skipped) ctx.err(`skillsmith: not scored: ${s}`);
    return { scoring: evolution.scoring, trust: evolution.trust, canaries: evolution.reviews, started: evolution.started, serving: evolution.serving };
  });
  ctx.out(ctx.json ? JSON.stringify(result, null, 2) : formatReview(result));
  return EXIT.ok;
}

async function promote(ctx: CliContext, [skill]: string[]): Promise<number> {
  const canary = await withStore(ctx, async (store) => (await engineFor(ctx, store)).promote(skill));
  ctx.out(ctx.json ? JSON.stringify(canary, null, 2) : `Promoted the candidate of ${skill}: the current version is now ${canary.resultVersion!.slice(0, 7)}`);
  return EXIT.ok;
}

async function stop(ctx: CliContext, [skill]: string[], opts: { reason?: string }): Promise<number> {
  const canary = await withStore(ctx, async (store) => (await engineFor(ctx, store)).stop(skill, opts.reason));
  ctx.out(ctx.json ? JSON.stringify(canary, null, 2) : `Stopped the canary for ${skill}; ${canary.currentVersion.slice(0, 7)} stays current`);
  return EXIT.ok;
}

function simulate(ctx: CliContext, _args: string[], opts: SimulateOptions): number {
  const [currentRate, candidateRate] = parseArms(opts.arms);
  const shape = gateShape(opts);
  const plan = planGate({ maxPerArm: shape.maxSessionsPerArm, looks: shape.looks });
  const spec = {
    currentRate,
    candidateRate,
    runs: count(opts.runs, '--runs'),
    sessionsPerArm: count(opts.sessionsPerArm, '--sessions-per-arm'),
    seed: integer(opts.seed ?? '1', '--seed'),
    ...(opts.share === undefined ? {} : { share: fraction(opts.share, '--share') }),
  };
  const result = simulateGate(plan, spec);
  if (ctx.json) ctx.out(JSON.stringify({ ...result, arms: { current: currentRate, candidate: candidateRate }, sessionsPerArm: spec.sessionsPerArm, seed: spec.seed, plan }, null, 2));
  else ctx.out(formatSimulation(result, plan, spec));
  return EXIT.ok;
}

function parseArms(text: string): [number, number] {
  const m = /^\s*([0-9.]+)\s*\/\s*([0-9.]+)\s*$/.exec(text);
  const rates = m ? [Number(m[1]), Number(m[2])] : [];
  if (rates.length !== 2 || rates.some((r) => !Number.isFinite(r) || r < 0 || r > 1)) {
    throw new SkillsmithError(`"${text}" is not two success rates between 0 and 1, like 0.5/0.7`, '--arms');
  }
  return [rates[0], rates[1]];
}

/**
 * --max-per-arm and --looks checked together here, so a pair the gate cannot plan is a usage error naming
 * the flags (the core's own check names its settings, which the user never typed).
 */
function gateShape(opts: { maxPerArm?: string; looks?: string }): { maxSessionsPerArm: number; looks: number } {
  const maxSessionsPerArm = opts.maxPerArm === undefined ? DEFAULT_CANARY_SETTINGS.maxSessionsPerArm : count(opts.maxPerArm, '--max-per-arm');
  const looks = opts.looks === undefined ? DEFAULT_CANARY_SETTINGS.looks : count(opts.looks, '--looks');
  if (maxSessionsPerArm < MIN_MAX_PER_ARM) throw new UsageError(`must be at least ${MIN_MAX_PER_ARM}, got ${maxSessionsPerArm}`, '--max-per-arm');
  if (looks > maxSessionsPerArm) throw new UsageError(`${looks} looks need --max-per-arm of at least ${looks} (it is ${maxSessionsPerArm})`, '--looks');
  return { maxSessionsPerArm, looks };
}

function integer(text: string, flag: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new SkillsmithError(`"${text}" is not a whole number`, flag);
  return Number(text);
}

function count(text: string, flag: string): number {
  const n = integer(text, flag);
  if (n < 1) throw new SkillsmithError(`must be at least 1, got ${n}`, flag);
  return n;
}

function days(text: string, flag: string): number {
  const n = Number(text);
  if (!(text.trim() !== '' && n > 0 && Number.isFinite(n))) throw new SkillsmithError(`"${text}" is not a positive number of days`, flag);
  return n;
}

function fraction(text: string, flag: string): number {
  const n = Number(text);
  if (!(n > 0 && n < 1)) throw new SkillsmithError(`"${text}" is not a fraction between 0 and 1 (exclusive)`, flag);
  return n;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function formatSimulation(r: SimulationResult, plan: GatePlan, spec: { currentRate: number; candidateRate: number; runs: number; sessionsPerArm: number; seed: number; share?: number }): string {
  const median = (v: number | null, unit: string) => (v === null ? 'no decisions' : `${v} ${unit}`);
  return [
    `${spec.runs} simulated canaries, current ${spec.currentRate} vs candidate ${spec.candidateRate}, up to ${spec.sessionsPerArm} sessions per arm, ` +
      `${spec.share === undefined ? 'alternating' : `candidate share ${spec.share}`}, seed ${spec.seed}`,
    `gate: looks at ${plan.looks.map((l) => l.perArm).join('/')} sessions per arm`,
    `promoted      ${percent(r.promotionRate)}`,
    `rolled back   ${percent(r.rollbackRate)}`,
    `inconclusive  ${percent(r.inconclusiveRate)}`,
    `expired       ${percent(r.expiredRate)}`,
    `median sessions to a decision: ${median(r.medianSessionsToDecision, 'in all')} (${median(r.medianSessionsPerArmToDecision, 'per arm')})`,
  ].join('\n');
}

function formatStatus(s: CanaryStatus): string {
  const c = s.canary;
  const head = `${c.skill}  ${c.state}  candidate ${c.candidateVersion.slice(0, 7)} vs current ${c.currentVersion.slice(0, 7)}  (${Math.round(c.share * 100)}% of sessions, started ${c.startedAt.slice(0, 16).replace('T', ' ')})`;
  const arm = (name: string, t: CanaryStatus['current']) => `  ${name.padEnd(9)} ${t.sessions} sessions, ${t.samples} scored, ${t.successes} succeeded`;
  const lines = [head, arm('candidate', s.candidate), arm('current', s.current)];
  for (const l of s.looks) {
    lines.push(`  look ${l.look + 1} at ${l.perArm} per arm: candidate ${l.candidateSuccesses}/${l.perArm} vs current ${l.currentSuccesses}/${l.perArm}, P(better) ${l.pBetter.toFixed(3)} → ${l.decision}`);
  }
  if (s.nextLookAt !== undefined) lines.push(`  next look at ${s.nextLookAt} scored sessions per arm; expires ${c.expiresAt.slice(0, 10)}`);
  if (c.reason) lines.push(`  ${c.reason}`);
  return lines.join('\n');
}

function formatReview({ scoring, trust, canaries, started }: { scoring: ScoringReport; trust: TrustCreditReport; canaries: ReviewEntry[]; started: EvolveReport['started'] }): string {
  const lines = [
    `scored ${scoring.scored} skill uses (${scoring.judged} by the judge${scoring.judgeFailures ? `, ${scoring.judgeFailures} judge calls failed` : ''}), ${scoring.waiting} waiting for their session to go quiet`,
    `trust: ${trust.credited} session outcome${trust.credited === 1 ? '' : 's'} credited${trust.unresolved ? `, ${trust.unresolved} uses of versions the library does not know` : ''}`,
    ...started.map((c) => `canary started for ${c.skill}: candidate ${c.candidateVersion.slice(0, 7)} against ${c.currentVersion.slice(0, 7)}`),
  ];
  if (canaries.length === 0) lines.push('no canary is running');
  for (const e of canaries) {
    const looks = e.looks.map((l) => `look at ${l.perArm}: ${l.decision}`).join(', ');
    lines.push(`${e.skill}: ${e.observed} sessions attributed, ${e.sampled} new samples${looks ? `; ${looks}` : ''}${e.ended ? `; ended ${e.ended.state}` : ''}`);
    if (e.ended) lines.push(`  ${e.ended.reason}`);
  }
  return lines.join('\n');
}
