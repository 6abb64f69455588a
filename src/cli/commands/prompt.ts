import type { Command } from 'commander';
import { SkillsmithError } from '../../core/errors';
import { DEFAULT_MIN_FIT } from '../../core/match/fit';
import { formatSkillsPrompt, type PromptMode, type PromptSkill } from '../../core/match/prompt/format';
import { EXIT, type CliContext } from '../context';
import { parsePositiveInt, parseScore } from '../number-options';
import { action } from '../program';
import { addCatalogOptions, openCatalog, type CatalogOptions } from '../skill-catalog';

interface PromptOptions extends CatalogOptions {
  mode?: string;
  budget?: string;
  k?: string;
  minFit?: string;
  minScore?: string;
  json?: boolean;
}

const MODES: readonly PromptMode[] = ['full', 'compact', 'auto'];

export function registerPrompt(program: Command): void {
  addCatalogOptions(
    program
      .command('prompt')
      .description('the skills that fit a request, formatted for an agent that takes skills in its prompt')
      .argument('<query>', 'the request')
      .option('--mode <mode>', 'full (instructions too), compact (name and description) or auto (full when it fits the budget)', 'auto')
      .option('--budget <tokens>', 'tokens the skills may take (about four characters a token)')
      .option('--k <n>', 'at most this many skills', '5')
      .option('--min-fit <x>', `a skill covering less of the request than this does not fit (0..1; default ${DEFAULT_MIN_FIT})`)
      .option('--min-score <x>', 'decide with a fixed cutoff on the score instead of the fit (0..1)')
      .option('--json', 'print the text with what was included and left out, as JSON'),
  ).action(action<PromptOptions>(promptCommand));
}

async function promptCommand(ctx: CliContext, [query]: string[], opts: PromptOptions): Promise<number> {
  const mode = (opts.mode ?? 'auto') as PromptMode;
  if (!MODES.includes(mode)) throw new SkillsmithError(`unknown mode "${opts.mode}"`, '--mode', `use ${MODES.join(', ')}`);
  const budget = opts.budget === undefined ? undefined : parsePositiveInt(opts.budget, '--budget');
  const k = parsePositiveInt(opts.k ?? '5', '--k');
  const minScore = opts.minScore === undefined ? undefined : parseScore(opts.minScore, '--min-score');
  const minFit = opts.minFit === undefined ? undefined : parseScore(opts.minFit, '--min-fit');
  const catalog = await openCatalog(ctx, opts);
  try {
    const result = await catalog.search.match(query, { k, minFit, minScore });
    for (const n of result.notices) ctx.err(`skillsmith: ${n}`);
    const skills: PromptSkill[] = result.matches.flatMap((m) => {
      const s = catalog.search.registry.get(m.skill);
      return s ? [{ name: s.name, version: s.version, description: s.description, body: s.body, files: s.files, ...(m.trust ? { trust: m.trust } : {}) }] : [];
    });
    const formatted = formatSkillsPrompt(skills, { mode, budget });
    if (ctx.json) {
      ctx.out(JSON.stringify({ query, ...formatted, ...(result.reason ? { reason: result.reason } : {}) }, null, 2));
      return EXIT.ok;
    }
    if (formatted.text) process.stdout.write(formatted.text);
    if (skills.length === 0) ctx.err(`skillsmith: ${result.reason ?? 'no skill fits'}`);
    else if (formatted.omitted.length) ctx.err(`skillsmith: left out for the budget: ${formatted.omitted.join(', ')}`);
    return EXIT.ok;
  } finally {
    await catalog.close();
  }
}
