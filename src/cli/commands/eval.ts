import type { Command } from 'commander';
import { SkillsmithError } from '../../core/errors';
import { evalJson, formatEvalTable } from '../../core/eval/format';
import { DEFAULT_EVAL_K, DEFAULT_EVAL_SPLIT, runEval, type EvalProgress } from '../../core/eval/run';
import { describeLlmConfig, llmConfigFromEnv, OFFLINE_CONFIG, type LlmConfig } from '../../core/llm/config';
import { EXIT, type CliContext } from '../context';
import { addLlmOptions, type LlmFlags } from '../llm-options';
import { parsePositiveInt } from '../number-options';
import { action } from '../program';

interface EvalOptions extends LlmFlags {
  offline?: boolean;
  allWorkspaces?: boolean;
  split?: string;
  k?: string;
  minSessions?: string;
  keep?: string;
  json?: boolean;
}

export function registerEval(program: Command): void {
  const command = program
    .command('eval')
    .description('hindsight evaluation: distill the earlier sessions into a scratch home, match each later request, and score what the skills name against what it ran, beside two baselines')
    .argument('[path...]', 'session files or folders to read; default: every agent store found for the current folder')
    .option('--offline', 'distill with the offline engine (no model, no tokens) even when a model is configured')
    .option('--all-workspaces', 'with no PATH: read sessions of every workspace, not only the current folder')
    .option('--split <share>', `the share of sessions, oldest first, that is distilled; the rest is judged (default ${DEFAULT_EVAL_SPLIT})`)
    .option('--k <n>', `skills matched per request, and earlier requests raw reuse draws on (default ${DEFAULT_EVAL_K})`)
    .option('--min-sessions <n>', 'a skill needs evidence from at least this many distinct sessions (default: as distill)')
    .option('--keep <dir>', 'distill into this new folder and keep it, to read the skills the evaluation judged')
    .option('--json', 'print the report as JSON');
  addLlmOptions(command).action(action<EvalOptions>(evalCommand));
}

async function evalCommand(ctx: CliContext, paths: string[], opts: EvalOptions): Promise<number> {
  const llm: LlmConfig = opts.offline ? { ...OFFLINE_CONFIG } : llmConfigFromEnv(process.env, opts);
  if (!opts.offline && llm.provider === 'offline') ctx.err('skillsmith: no model configured (--llm-model / SKILLSMITH_LLM_MODEL); evaluating the offline engine');
  ctx.debug(`engine: ${describeLlmConfig(llm)}`);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  const progress = progressLine();
  try {
    const report = await runEval(
      {
        paths,
        workspace: process.cwd(),
        allWorkspaces: Boolean(opts.allWorkspaces),
        split: opts.split === undefined ? undefined : parseShare(opts.split),
        k: opts.k === undefined ? undefined : parsePositiveInt(opts.k, '--k'),
        minSessions: opts.minSessions === undefined ? undefined : parsePositiveInt(opts.minSessions, '--min-sessions'),
        llm: llm.provider === 'offline' ? undefined : llm,
        keepDir: opts.keep,
      },
      { signal: controller.signal, onProgress: progress.update },
    );
    progress.clear();
    for (const p of report.problems) ctx.err(`skillsmith: ${p}`);
    if (opts.keep) ctx.err(`skillsmith: the distilled skills are kept in ${opts.keep}`);
    const text = opts.json || ctx.json ? JSON.stringify(evalJson(report), null, 2) + '\n' : formatEvalTable(report) + '\n';
    // a large report piped to another program must reach it whole before the process exits
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
    return EXIT.ok;
  } finally {
    progress.clear();
    process.removeListener('SIGINT', stop);
  }
}

function parseShare(text: string): number {
  const n = Number(text);
  if (!/^\s*0?\.\d+\s*$/.test(text) || !(n > 0 && n < 1)) throw new SkillsmithError(`must be a share between 0 and 1, such as 0.7 (got ${JSON.stringify(text)})`, '--split');
  return n;
}

/** One line on stderr, rewritten as the phases advance, with the ETA of the current phase. */
function progressLine(): { update: (p: EvalProgress) => void; clear: () => void } {
  const tty = process.stderr.isTTY;
  let shown = false;
  let last = '';
  return {
    update: (p) => {
      const eta = p.etaSeconds !== undefined ? `, about ${formatSeconds(p.etaSeconds)} left` : '';
      const text = `eval: ${p.phase}${p.detail ? ` (${p.detail})` : ''} ${p.done}/${p.total}${eta}`;
      if (tty) {
        process.stderr.write(`\r\x1b[K${text}`);
        shown = true;
      } else if (`${p.phase}${p.detail ?? ''}` !== last) {
        // not a terminal: one line per phase, not one per step
        last = `${p.phase}${p.detail ?? ''}`;
        process.stderr.write(`${text}\n`);
      }
    },
    clear: () => {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

function formatSeconds(s: number): string {
  return s < 90 ? `${s}s` : `${Math.round(s / 60)}min`;
}
