import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { StateStore } from '../../core/store/database';
import { StateLockedError } from '../../core/store/lock';
import { tableRowCounts, type TableRowCount } from '../../core/store/tables';
import { EXIT, type CliContext } from '../context';
import { action } from '../program';

interface StatusReport {
  home: string;
  library: { path: string; exists: boolean };
  state: { path: string; schemaVersion: number; readOnly: boolean; tables: TableRowCount[] };
  notices: string[];
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show the home folder, the library and the state database')
    .option('--json', 'print the report as JSON')
    .action(action(status));
}

async function status(ctx: CliContext): Promise<number> {
  const store = await openForStatus(ctx);
  try {
    const report: StatusReport = {
      home: ctx.home.root,
      library: { path: ctx.home.library, exists: isFolder(ctx.home.library) },
      state: { path: store.path, schemaVersion: store.schemaVersion, readOnly: store.readOnly, tables: tableRowCounts(store) },
      notices: store.notices,
    };
    ctx.out(ctx.json ? JSON.stringify(report, null, 2) : formatReport(report));
  } finally {
    await store.close();
  }
  return EXIT.ok;
}

// Another process (the extension, say) may be writing: then look without taking the file.
async function openForStatus(ctx: CliContext): Promise<StateStore> {
  const onNotice = (m: string) => ctx.err(`skillsmith: ${m}`);
  try {
    return await StateStore.open(ctx.home.state, { onNotice });
  } catch (e) {
    if (!(e instanceof StateLockedError)) throw e;
    ctx.err(`skillsmith: ${e.describe()}; showing it read-only`);
    return StateStore.open(ctx.home.state, { onNotice, readOnly: true });
  }
}

function formatReport(r: StatusReport): string {
  const lines = [
    `home     ${r.home}`,
    `library  ${r.library.path} (${r.library.exists ? 'exists' : 'not created yet'})`,
    `state    ${r.state.path}${r.state.readOnly ? ' (read-only: in use by another process)' : ''}`,
    `schema   version ${r.state.schemaVersion}`,
    'tables',
    ...r.state.tables.map((t) => `  ${t.name.padEnd(widest(r.state.tables))}  ${t.rows}`),
  ];
  return lines.join('\n');
}

function widest(tables: TableRowCount[]): number {
  return Math.max(0, ...tables.map((t) => t.name.length));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
