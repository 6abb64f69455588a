import type { SqlRunner } from './statements';

export interface TableRowCount {
  name: string;
  rows: number;
}

/** Every table in the store (SQLite's internal ones aside) with its row count, by name. */
export function tableRowCounts(db: SqlRunner): TableRowCount[] {
  const names = db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return names.map(({ name }) => ({
    name,
    rows: Number(db.get<{ n: number }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`)?.n ?? 0),
  }));
}
