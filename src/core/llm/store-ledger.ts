import type { SqlParams, SqlRunner } from '../store/statements';
import { checkLedgerEntry, ledgerDay, type LedgerEntry, type LedgerFilter, type LedgerRow, type LedgerTotals, type TokenLedger } from './ledger';

interface RowRecord {
  day: string;
  stage: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  calls: number;
}

/**
 * The ledger kept in the state database (`token_ledger`, migration 3): one row per day, stage and model,
 * added to on every call, so the user's spend survives restarts and is shared by the CLI and the extension.
 */
export class StoreTokenLedger implements TokenLedger {
  constructor(private readonly db: SqlRunner) {}

  record(entry: LedgerEntry): void {
    checkLedgerEntry(entry);
    this.db.run(
      `INSERT INTO token_ledger (day, stage, model, input_tokens, output_tokens, calls)
       VALUES (:day, :stage, :model, :input, :output, 1)
       ON CONFLICT (day, stage, model) DO UPDATE SET
         input_tokens = input_tokens + excluded.input_tokens,
         output_tokens = output_tokens + excluded.output_tokens,
         calls = calls + 1`,
      { ':day': ledgerDay(entry.at), ':stage': entry.stage, ':model': entry.model, ':input': entry.inputTokens, ':output': entry.outputTokens },
    );
  }

  totals(filter?: LedgerFilter): LedgerTotals {
    const { where, params } = whereClause(filter);
    const row = this.db.get<{ input: number | null; output: number | null; calls: number | null }>(
      `SELECT SUM(input_tokens) AS input, SUM(output_tokens) AS output, SUM(calls) AS calls FROM token_ledger ${where}`,
      params,
    );
    return { inputTokens: Number(row?.input ?? 0), outputTokens: Number(row?.output ?? 0), calls: Number(row?.calls ?? 0) };
  }

  rows(filter?: LedgerFilter): LedgerRow[] {
    const { where, params } = whereClause(filter);
    return this.db
      .all<RowRecord>(`SELECT day, stage, model, input_tokens, output_tokens, calls FROM token_ledger ${where} ORDER BY day, stage, model`, params)
      .map((r) => ({ day: r.day, stage: r.stage, model: r.model, inputTokens: Number(r.input_tokens), outputTokens: Number(r.output_tokens), calls: Number(r.calls) }));
  }
}

const CONDITIONS: Array<[keyof LedgerFilter, string]> = [
  ['stage', 'stage = :stage'],
  ['model', 'model = :model'],
  ['day', 'day = :day'],
  ['from', 'day >= :from'],
  ['to', 'day <= :to'],
];

function whereClause(filter: LedgerFilter = {}): { where: string; params: SqlParams } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  for (const [key, sql] of CONDITIONS) {
    const value = filter[key];
    if (value === undefined) continue;
    parts.push(sql);
    params[`:${key}`] = value;
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
