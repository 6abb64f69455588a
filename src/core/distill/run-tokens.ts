import { MemoryTokenLedger, type LedgerEntry, type LedgerFilter, type LedgerRow, type LedgerTotals, type TokenLedger } from '../llm/ledger';

/** What one distill run spent, per stage and model, beside the running totals in the state store. */
export interface RunTokens {
  /** The engine that ran: `offline` spends nothing. */
  engine: string;
  inputTokens: number;
  outputTokens: number;
  calls: number;
  byStage: { stage: string; model: string; inputTokens: number; outputTokens: number; calls: number }[];
}

/**
 * A ledger that writes through to the persistent one and keeps this run's share apart, so a run can say
 * what it spent without reading totals before and after (which another process may be adding to).
 */
export class RunLedger implements TokenLedger {
  private readonly run = new MemoryTokenLedger();

  constructor(private readonly persistent: TokenLedger) {}

  record(entry: LedgerEntry): void {
    this.persistent.record(entry);
    this.run.record(entry);
  }

  totals(filter?: LedgerFilter): LedgerTotals {
    return this.persistent.totals(filter);
  }

  rows(filter?: LedgerFilter): LedgerRow[] {
    return this.persistent.rows(filter);
  }

  spent(engine: string): RunTokens {
    const byKey = new Map<string, RunTokens['byStage'][number]>();
    for (const r of this.run.rows()) {
      const key = `${r.stage}\u0000${r.model}`;
      const row = byKey.get(key) ?? { stage: r.stage, model: r.model, inputTokens: 0, outputTokens: 0, calls: 0 };
      row.inputTokens += r.inputTokens;
      row.outputTokens += r.outputTokens;
      row.calls += r.calls;
      byKey.set(key, row);
    }
    const t = this.run.totals();
    return { engine, inputTokens: t.inputTokens, outputTokens: t.outputTokens, calls: t.calls, byStage: [...byKey.values()] };
  }
}
