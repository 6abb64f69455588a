/** One call's spend. Calls that failed before the provider reported usage are not entries. */
export interface LedgerEntry {
  stage: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  at: Date;
}

/** Days are UTC `YYYY-MM-DD`, as providers bill; `from` and `to` are inclusive. */
export interface LedgerFilter {
  stage?: string;
  model?: string;
  day?: string;
  from?: string;
  to?: string;
}

export interface LedgerTotals {
  inputTokens: number;
  outputTokens: number;
  calls: number;
}

export interface LedgerRow extends LedgerTotals {
  day: string;
  stage: string;
  model: string;
}

/** Where token spend is counted, per stage, model and day, so the user can see what the pipeline costs. */
export interface TokenLedger {
  record(entry: LedgerEntry): void;
  totals(filter?: LedgerFilter): LedgerTotals;
  /** One row per (day, stage, model), ordered by day, stage, model. */
  rows(filter?: LedgerFilter): LedgerRow[];
}

export function ledgerDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function checkLedgerEntry(entry: LedgerEntry): void {
  for (const [name, n] of [['inputTokens', entry.inputTokens], ['outputTokens', entry.outputTokens]] as const) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`ledger entry for stage "${entry.stage}": ${name} must be a whole number ≥ 0 (got ${n})`);
  }
  if (Number.isNaN(entry.at.getTime())) throw new RangeError(`ledger entry for stage "${entry.stage}": invalid date`);
}

export function matchesFilter(row: { day: string; stage: string; model: string }, f: LedgerFilter = {}): boolean {
  return (
    (f.stage === undefined || row.stage === f.stage) &&
    (f.model === undefined || row.model === f.model) &&
    (f.day === undefined || row.day === f.day) &&
    (f.from === undefined || row.day >= f.from) &&
    (f.to === undefined || row.day <= f.to)
  );
}

export function sumRows(rows: readonly LedgerTotals[]): LedgerTotals {
  return rows.reduce((t, r) => ({ inputTokens: t.inputTokens + r.inputTokens, outputTokens: t.outputTokens + r.outputTokens, calls: t.calls + r.calls }), {
    inputTokens: 0,
    outputTokens: 0,
    calls: 0,
  });
}

/** The ledger for one process's lifetime: tests, dry runs, and the CLI when no state store is open. */
export class MemoryTokenLedger implements TokenLedger {
  private readonly byKey = new Map<string, LedgerRow>();

  record(entry: LedgerEntry): void {
    checkLedgerEntry(entry);
    const day = ledgerDay(entry.at);
    const key = JSON.stringify([day, entry.stage, entry.model]);
    const row = this.byKey.get(key) ?? { day, stage: entry.stage, model: entry.model, inputTokens: 0, outputTokens: 0, calls: 0 };
    row.inputTokens += entry.inputTokens;
    row.outputTokens += entry.outputTokens;
    row.calls += 1;
    this.byKey.set(key, row);
  }

  totals(filter?: LedgerFilter): LedgerTotals {
    return sumRows(this.rows(filter));
  }

  rows(filter?: LedgerFilter): LedgerRow[] {
    return [...this.byKey.values()]
      .filter((r) => matchesFilter(r, filter))
      .map((r) => ({ ...r }))
      .sort(compareRows);
  }
}

/** Binary order, the same as SQLite's default collation, so both ledgers list rows alike. */
export function compareRows(a: LedgerRow, b: LedgerRow): number {
  return cmp(a.day, b.day) || cmp(a.stage, b.stage) || cmp(a.model, b.model);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
