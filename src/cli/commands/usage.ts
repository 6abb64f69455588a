import type { Command } from 'commander';
import { SkillsmithError } from '../../core/errors';
import type { LedgerFilter, LedgerRow, LedgerTotals } from '../../core/llm/ledger';
import { StoreTokenLedger } from '../../core/llm/store-ledger';
import { StateStore } from '../../core/store/database';
import { StateLockedError } from '../../core/store/lock';
import { EXIT, type CliContext } from '../context';
import { action } from '../program';

interface UsageOptions {
  from?: string;
  to?: string;
  stage?: string;
  model?: string;
}

interface UsageReport {
  filter: LedgerFilter;
  rows: LedgerRow[];
  totals: LedgerTotals;
  byStage: (LedgerTotals & { stage: string })[];
}

export function registerUsage(program: Command): void {
  program
    .command('usage')
    .description('show the tokens spent on models, per day, stage and model (the token ledger)')
    .option('--from <day>', 'first day to include, YYYY-MM-DD (UTC)')
    .option('--to <day>', 'last day to include, YYYY-MM-DD (UTC)')
    .option('--stage <name>', 'only this pipeline stage (split, route, propose, revise, …)')
    .option('--model <name>', 'only this model')
    .option('--json', 'print the ledger as JSON')
    .action(action<UsageOptions>(usage));
}

async function usage(ctx: CliContext, _args: string[], opts: UsageOptions): Promise<number> {
  const filter = filterOf(opts);
  const store = await openReadable(ctx);
  try {
    const ledger = new StoreTokenLedger(store);
    const rows = ledger.rows(filter);
    const report: UsageReport = { filter, rows, totals: ledger.totals(filter), byStage: stageTotals(rows) };
    ctx.out(ctx.json ? JSON.stringify(report, null, 2) : format(report));
  } finally {
    await store.close();
  }
  return EXIT.ok;
}

function filterOf(opts: UsageOptions): LedgerFilter {
  const filter: LedgerFilter = {};
  for (const key of ['from', 'to'] as const) {
    const day = opts[key];
    if (day === undefined) continue;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      throw new SkillsmithError(`not a day: ${JSON.stringify(day)}`, `--${key}`, 'write it as YYYY-MM-DD');
    }
    filter[key] = day;
  }
  if (opts.stage) filter.stage = opts.stage;
  if (opts.model) filter.model = opts.model;
  return filter;
}

// A distill run in another process holds the state lock; the ledger can still be read from a snapshot.
async function openReadable(ctx: CliContext): Promise<StateStore> {
  const onNotice = (m: string) => ctx.err(`skillsmith: ${m}`);
  try {
    return await StateStore.open(ctx.home.state, { onNotice });
  } catch (e) {
    if (!(e instanceof StateLockedError)) throw e;
    return StateStore.open(ctx.home.state, { onNotice, readOnly: true });
  }
}

function stageTotals(rows: LedgerRow[]): UsageReport['byStage'] {
  const by = new Map<string, LedgerTotals & { stage: string }>();
  for (const r of rows) {
    const t = by.get(r.stage) ?? { stage: r.stage, inputTokens: 0, outputTokens: 0, calls: 0 };
    t.inputTokens += r.inputTokens;
    t.outputTokens += r.outputTokens;
    t.calls += r.calls;
    by.set(r.stage, t);
  }
  return [...by.values()].sort((a, b) => (a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : 0));
}

function format(r: UsageReport): string {
  if (r.rows.length === 0) return 'no tokens spent yet (the offline engine spends none)';
  const n = (x: number) => x.toLocaleString('en-US');
  const table = [
    ['day', 'stage', 'model', 'input', 'output', 'calls'],
    ...r.rows.map((x) => [x.day, x.stage, x.model, n(x.inputTokens), n(x.outputTokens), n(x.calls)]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c >= 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [
    ...table.map(line),
    '',
    ...r.byStage.map((s) => `${s.stage}: ${n(s.inputTokens)} in, ${n(s.outputTokens)} out, ${n(s.calls)} calls`),
    `total: ${n(r.totals.inputTokens)} in, ${n(r.totals.outputTokens)} out, ${n(r.totals.calls)} calls`,
  ].join('\n');
}
