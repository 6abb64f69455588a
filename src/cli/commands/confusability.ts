import type { Command } from 'commander';
import { confusablePairs, DEFAULT_CONFUSABILITY_THRESHOLD } from '../../core/match/confusability';
import { EXIT, type CliContext } from '../context';
import { parseScore } from '../number-options';
import { action } from '../program';
import { addCatalogOptions, openCatalog, type CatalogOptions } from '../skill-catalog';

interface ConfusabilityOptions extends CatalogOptions {
  threshold?: string;
  json?: boolean;
}

export function registerConfusability(program: Command): void {
  addCatalogOptions(
    program
      .command('confusability')
      .description('pairs of skills close enough for a request meant for one to land on the other, with their score')
      .option('--threshold <x>', `report pairs scoring at least this (0..1; default ${DEFAULT_CONFUSABILITY_THRESHOLD})`)
      .option('--json', 'print the pairs as JSON: [{a, b, score}]'),
  ).action(action<ConfusabilityOptions>(confusabilityCommand));
}

async function confusabilityCommand(ctx: CliContext, _args: string[], opts: ConfusabilityOptions): Promise<number> {
  const threshold = opts.threshold === undefined ? DEFAULT_CONFUSABILITY_THRESHOLD : parseScore(opts.threshold, '--threshold');
  const catalog = await openCatalog(ctx, opts);
  try {
    const { search } = catalog;
    const skills = search.registry.all();
    const pairs = confusablePairs(search.matcher, skills.map((s) => s.name), threshold);
    const round = (x: number) => Math.round(x * 1000) / 1000;
    if (ctx.json) ctx.out(JSON.stringify(pairs.map((p) => ({ a: p.a, b: p.b, score: round(p.score), lexical: round(p.lexical), ...(p.cosine !== undefined ? { cosine: round(p.cosine) } : {}) })), null, 2));
    else if (pairs.length === 0) ctx.out(`No pair of the ${skills.length} skills scores ${threshold} or more.`);
    else ctx.out([`Confusable pairs (threshold ${threshold}, ${search.fused ? 'BM25 + embeddings' : 'BM25'}):`, ...pairs.map((p) => `  ${p.a} ↔ ${p.b}  ${p.score.toFixed(2)}`)].join('\n'));
    return EXIT.ok;
  } finally {
    await catalog.close();
  }
}
