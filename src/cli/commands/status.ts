import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { StateStore } from '../../core/store/database';
import { StateLockedError } from '../../core/store/lock';
import { tableRowCounts, type TableRowCount } from '../../core/store/tables';
import { describeError } from '../../core/errors';
import { SkillLibrary } from '../../core/skills/library/library';
import { homeSummary, type HomeSummary } from '../../core/status/summary';
import { EXIT, type CliContext } from '../context';
import { action } from '../program';

interface StatusReport {
  home: string;
  library: { path: string; exists: boolean };
  state: { path: string; schemaVersion: number; readOnly: boolean; tables: TableRowCount[] };
  summary: HomeSummary;
  /** What needs a person: one sentence each. */
  problems: string[];
  notices: string[];
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('what is in the home folder and what needs you: sessions, skills by state, canaries, the last run, problems (the table counts with --verbose)')
    .option('--json', 'print the report as JSON')
    .action(action(status));
}

async function status(ctx: CliContext): Promise<number> {
  const store = await openForStatus(ctx);
  try {
    const exists = isFolder(ctx.home.library);
    const problems: string[] = [];
    // only an existing library is opened: status never creates one
    const library = exists ? await SkillLibrary.open(ctx.home.library).catch((e) => void problems.push(`the library cannot be read: ${describeError(e)}`)) : undefined;
    // a damaged library is one problem among others: the rest of the summary still stands
    const summary = await homeSummary(store, library ?? undefined).catch((e) => {
      problems.push(`the library cannot be read: ${describeError(e)}`);
      return homeSummary(store, undefined);
    });
    const report: StatusReport = {
      home: ctx.home.root,
      library: { path: ctx.home.library, exists },
      state: { path: store.path, schemaVersion: store.schemaVersion, readOnly: store.readOnly, tables: tableRowCounts(store) },
      summary,
      problems: [...problemsOf(summary, store.readOnly), ...problems, ...store.notices],
      notices: store.notices,
    };
    ctx.out(ctx.json ? JSON.stringify(report, null, 2) : formatReport(report, ctx.verbose));
  } finally {
    await store.close();
  }
  return EXIT.ok;
}

function problemsOf(s: HomeSummary, readOnly: boolean): string[] {
  const n = (count: number, one: string, many: string) => (count === 1 ? `1 ${one}` : `${count} ${many}`);
  return [
    ...(readOnly ? ['the state is in use by another process (shown read-only); distill and ingest wait for it'] : []),
    ...(s.sessions.filesGone > 0 ? [`${n(s.sessions.filesGone, 'session file is', 'session files are')} gone: their sessions are kept but no longer distilled`] : []),
    ...(s.sessions.filesUnreadable > 0 ? [`${n(s.sessions.filesUnreadable, 'file', 'files')} could not be read (\`skillsmith ingest\` says why)`] : []),
  ];
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

function formatReport(r: StatusReport, verbose: boolean): string {
  const s = r.summary;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const sources = Object.entries(s.sessions.bySource).map(([source, count]) => `${count} ${source}`);
  const k = s.skills;
  const waiting = (s.distill.split ?? 0) + (s.distill.routed ?? 0);
  const lines = [
    `home      ${r.home}`,
    `library   ${r.library.path} (${r.library.exists ? 'exists' : 'not created yet'})`,
    `state     ${r.state.path}${r.state.readOnly ? ' (read-only: in use by another process)' : ''}`,
    `schema    version ${r.state.schemaVersion}`,
    `sessions  ${s.sessions.total} stored${sources.length ? `: ${sources.join(', ')}` : ''}${waiting > 0 ? `; ${waiting} waiting for the next distill` : ''}`,
    `skills    ${k.active} active, ${plural(k.draft, 'draft')} awaiting review${k.draft > 0 ? ' (skillsmith library candidates)' : ''}, ${plural(k.candidate, 'candidate')}, ${k.canary} in a canary, ${k.quarantined} quarantined`,
    `canaries  ${s.canaries.length ? `${s.canaries.length} running: ${s.canaries.join(', ')} (skillsmith canary status)` : 'none running'}`,
    `last run  ${s.lastIngest ? `ingest ${when(s.lastIngest)}` : 'no ingest yet'}, ${s.lastDistill ? `distill ${when(s.lastDistill)}` : 'no distill yet'}`,
    ...(r.problems.length ? r.problems.map((p, i) => `${i === 0 ? 'problems ' : '         '} ${p}`) : ['problems  none']),
    ...(verbose ? ['tables', ...r.state.tables.map((t) => `  ${t.name.padEnd(widest(r.state.tables))}  ${t.rows}`)] : []),
  ];
  return lines.join('\n');
}

/** An ISO time as `YYYY-MM-DD HH:MM UTC`. */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
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
