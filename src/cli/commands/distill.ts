import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DistillProgress, DistillResult, DistillRules } from '../../core/distill/distill';
import { describeLlmConfig, llmConfigFromEnv, OFFLINE_CONFIG, type LlmConfig } from '../../core/llm/config';
import { formatProblem } from '../../core/transcripts/adapter';
import { DEFAULT_PIPELINE_RULES } from '../../core/distill/pipeline/run';
import { SkillsmithError } from '../../core/errors';
import { runInWorker } from '../../worker/client';
import { describeJob, distillJob } from '../../worker/protocol';
import { EXIT, type CliContext } from '../context';
import { addLlmOptions, type LlmFlags } from '../llm-options';
import { UsageError } from '../number-options';
import { workspaceSkippedNote } from './ingest';
import { action } from '../program';
import { trustRulesFromEnv } from '../trust-rules';

interface DistillOptions extends LlmFlags {
  offline?: boolean;
  allWorkspaces?: boolean;
  trustWorkspace?: boolean;
  minSessions?: string;
  /** False with --no-canary. */
  canary?: boolean;
}

export function registerDistill(program: Command): void {
  const command = program
    .command('distill')
    .description('ingest agent sessions (PATHs, or the discovered ones for this folder) and distill them into draft skills')
    .argument('[path...]', 'session files or folders to read; default: every agent store found for the current folder')
    .option('--offline', 'use the offline engine (no model, no tokens) even when a model is configured')
    .option('--all-workspaces', 'with no PATH: read sessions of every workspace, not only the current folder')
    .option('--trust-workspace', "also read the sessions kept in the current folder's own files (a repository's .specstory/history); marked as the repository's")
    .option('--min-sessions <n>', `a new skill, or a new version of one, needs evidence from at least this many distinct sessions (default ${DEFAULT_PIPELINE_RULES.minSessions})`)
    .option('--no-canary', 'do not start canaries for new candidates of installed skills; they wait for review (`skillsmith canary start`)')
    .option('--json', 'print the result as JSON');
  addLlmOptions(command).action(action<DistillOptions>(distillCommand));
}

async function distillCommand(ctx: CliContext, paths: string[], opts: DistillOptions): Promise<number> {
  const llm: LlmConfig = opts.offline ? { ...OFFLINE_CONFIG } : llmConfigFromEnv(process.env, opts);
  if (!opts.offline && llm.provider === 'offline') {
    ctx.err('skillsmith: no model configured (--llm-model / SKILLSMITH_LLM_MODEL); distilling with the offline engine');
  }
  ctx.debug(`engine: ${describeLlmConfig(llm)}`);
  const rules = distillRules(opts);
  // a path that is not there is the whole answer: no run, no summary of a run that read nothing
  const missing = paths.map((p) => resolve(p)).filter((p) => !existsSync(p));
  if (missing.length > 0) throw new SkillsmithError('no such file or folder', missing.join(', '));
  const job = distillJob({ home: ctx.home, paths, workspace: process.cwd(), allWorkspaces: Boolean(opts.allWorkspaces), workspaceSessions: Boolean(opts.trustWorkspace), llm: llm.provider === 'offline' ? undefined : llm, rules });
  ctx.debug(`worker job: ${describeJob(job)}`);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    const result = await runInWorker(
      join(__dirname, 'worker.js'),
      job,
      { signal: controller.signal, onProgress: ctx.json ? undefined : progressLine(ctx) },
    );
    for (const n of result.notices) ctx.err(`skillsmith: ${n}`);
    for (const p of result.ingest.problems) ctx.err(formatProblem(p));
    if (result.ingest.workspaceFilesSkipped > 0) ctx.err(workspaceSkippedNote(result.ingest.workspaceFilesSkipped));
    for (const p of result.pipeline.problems) ctx.err(`skillsmith: ${p}`);
    ctx.out(ctx.json ? JSON.stringify(summary(result), null, 2) : formatResult(result));
    // what could not be written is a failure to report, though the rest of the run stands
    if (result.pipeline.unwritten > 0) return EXIT.invalid;
    return result.ingest.failed > 0 && result.ingest.new + result.ingest.updated + result.ingest.unchanged === 0 ? EXIT.invalid : EXIT.ok;
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

/** The rules the flags and the environment set; the worker checks their values again. */
function distillRules(opts: DistillOptions): DistillRules {
  const rules: DistillRules = {};
  if (opts.minSessions !== undefined) {
    const n = Number(opts.minSessions);
    if (!/^\s*\d+\s*$/.test(opts.minSessions) || n < 1) throw new UsageError(`"${opts.minSessions}" is not a whole number of at least 1`, '--min-sessions');
    rules.minSessions = n;
  }
  const trust = trustRulesFromEnv();
  if (trust) rules.trust = trust;
  if (opts.canary === false) rules.autoStartCanaries = false;
  return rules;
}

function summary(r: DistillResult) {
  const { problems: _p, sessions: _s, ...ingest } = r.ingest;
  const t = r.tokens;
  return {
    ingest,
    pipeline: r.pipeline,
    canariesStarted: r.evolution?.started ?? [],
    tokens: { engine: t.engine, input: t.inputTokens, output: t.outputTokens, calls: t.calls, byStage: t.byStage },
  };
}

function formatResult(r: DistillResult): string {
  const i = r.ingest;
  const p = r.pipeline;
  const lines = [
    `ingested: ${i.new} new, ${i.updated} updated, ${i.unchanged} unchanged, ${i.failed} failed${i.missing > 0 ? `, ${i.missing} missing (file gone)` : ''}`,
    `distilled (${p.engine} engine): ${p.sessionsSplit} sessions split into ${p.atomsAdded} atoms, ${p.atomsRouted} routed`,
    ...p.created.map((s) => `  + ${s.name}  new draft  ${s.version.slice(0, 7)}`),
    ...p.updated.map((s) => `  ~ ${s.name}  new candidate version  ${s.version.slice(0, 7)}`),
    p.created.length + p.updated.length === 0 ? `  nothing new to write${p.nothingWritten ? `: ${p.nothingWritten}` : ''}` : `  review with: skillsmith library candidates`,
    ...(p.unwritten > 0 ? [`  ${p.unwritten === 1 ? '1 group' : `${p.unwritten} groups`} not written: no usable reply (see the errors above); the next run asks again`] : []),
    ...declineLines(p),
    ...canaryLines(r),
    ...tokenLines(r),
  ];
  return lines.join('\n');
}

/** Groups judged not to be a skill: this run's, and earlier ones left alone rather than asked again. */
function declineLines(p: DistillResult['pipeline']): string[] {
  const groups = (n: number) => (n === 1 ? '1 group' : `${n} groups`);
  return [
    ...(p.declined > 0 ? [`  ${groups(p.declined)} declined as not a skill (asked again only when a new session adds evidence)`] : []),
    ...(p.skippedAsDeclined > 0 ? [`  ${groups(p.skippedAsDeclined)} skipped: declined on an earlier run, no new session since`] : []),
  ];
}

/** Canaries the run started: the candidate now serves a share of the installed skill's sessions. */
function canaryLines(r: DistillResult): string[] {
  return (r.evolution?.started ?? []).map(
    (c) => `  canary started for ${c.skill}: candidate ${c.candidateVersion.slice(0, 7)} against ${c.currentVersion.slice(0, 7)} (see \`skillsmith canary status\`)`,
  );
}

/** What the run spent, from the run's share of the token ledger (`skillsmith usage` has the totals). */
function tokenLines(r: DistillResult): string[] {
  const t = r.tokens;
  if (t.calls === 0) return [`tokens spent: 0 (${t.engine} engine)`];
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `tokens spent: ${n(t.inputTokens)} in, ${n(t.outputTokens)} out in ${t.calls} calls (${t.engine} engine)`,
    ...t.byStage.map((s) => `  ${s.stage.padEnd(8)} ${n(s.inputTokens).padStart(9)} in ${n(s.outputTokens).padStart(8)} out ${String(s.calls).padStart(4)} calls  ${s.model}`),
  ];
}

/**
 * One line on stderr that rewrites itself while the worker reports progress; not on a terminal, with
 * --verbose, one debug line per step instead (a log shows where a run was when it stopped).
 */
function progressLine(ctx: CliContext): (p: DistillProgress) => void {
  const text = (p: DistillProgress) =>
    p.stage === 'ingest' ? `ingest ${p.progress.done}/${p.progress.total}` : `${p.progress.phase} ${p.progress.done}/${p.progress.total}${p.progress.detail ? ` ${p.progress.detail}` : ''}`;
  if (!process.stderr.isTTY) return ctx.verbose ? (p) => ctx.debug(`progress: ${text(p)}`) : () => undefined;
  return (p) => process.stderr.write(`\r\x1b[K${text(p)}`);
}
