import type { Command } from 'commander';
import { ingest, INGEST_WRITE_DELAY_MS, type IngestReport, type IngestTarget } from '../../core/ingest';
import { StateStore } from '../../core/store/database';
import { formatProblem } from '../../core/transcripts/adapter';
import { discoverSources } from '../../core/transcripts/discovery';
import { EXIT, type CliContext } from '../context';
import { action } from '../program';

interface IngestCliOptions {
  allWorkspaces?: boolean;
  trustWorkspace?: boolean;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description("read agent sessions into the state store, redacted; without paths, the current folder's workspace")
    .argument('[path...]', 'session files or folders to read (all their sessions, whatever the workspace)')
    .option('--all-workspaces', 'with no paths: read the sessions of every workspace, not only the current folder')
    .option('--trust-workspace', "also read the sessions kept in the current folder's own files (a repository's .specstory/history); marked as the repository's")
    .option('--json', 'print the report as JSON')
    .action(action(ingestCommand));
}

async function ingestCommand(ctx: CliContext, paths: string[], opts: IngestCliOptions): Promise<number> {
  const workspace = process.cwd();
  const targets: IngestTarget[] = paths.length > 0 ? paths : discoverSources({ workspace }).filter((l) => l.exists);
  const store = await StateStore.open(ctx.home.state, { writeDelayMs: INGEST_WRITE_DELAY_MS, onNotice: (m) => ctx.err(`skillsmith: ${m}`) });
  const abort = new AbortController();
  const onInterrupt = () => abort.abort();
  process.once('SIGINT', onInterrupt);
  const progress = progressLine(ctx);
  let report: IngestReport;
  try {
    report = await ingest(store, targets, {
      workspace: paths.length > 0 ? undefined : workspace,
      allWorkspaces: opts.allWorkspaces,
      workspaceSessions: Boolean(opts.trustWorkspace),
      signal: abort.signal,
      onProgress: progress.update,
    });
  } finally {
    progress.clear();
    process.removeListener('SIGINT', onInterrupt);
    await store.close();
  }
  if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
  else ctx.out(summary(report, paths.length > 0 ? undefined : opts.allWorkspaces ? 'every workspace' : workspace));
  if (!ctx.json) for (const p of report.problems) ctx.err(formatProblem(p));
  if (!ctx.json && report.workspaceFilesSkipped > 0) ctx.err(workspaceSkippedNote(report.workspaceFilesSkipped));
  return report.failed > 0 || report.cancelled ? EXIT.invalid : EXIT.ok;
}

function summary(r: IngestReport, scope: string | undefined): string {
  const gone = r.missing > 0 ? `, ${r.missing} missing (file gone; kept, not distilled)` : '';
  const head = `${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed} failed${gone}`;
  const files = `${r.files.total} file${r.files.total === 1 ? '' : 's'}, ${r.files.read} read${r.files.resumed > 0 ? ` (${r.files.resumed} resumed)` : ''}`;
  const where = scope ? `; sessions of ${scope}` : '';
  return `${head} (${files}${where})${r.cancelled ? ' — cancelled, the rest is left for the next run' : ''}`;
}

/** A self-rewriting progress line on stderr, only when a person is watching it. */
function progressLine(ctx: CliContext): { update: (p: { done: number; total: number }) => void; clear: () => void } {
  const tty = !ctx.json && process.stderr.isTTY;
  let shown = false;
  return {
    update: ({ done, total }) => {
      if (!tty) return;
      process.stderr.write(`\ringesting ${done}/${total}`);
      shown = true;
    },
    clear: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/** Why some files were left: they came with the folder, and a cloned repository can plant sessions. */
export function workspaceSkippedNote(files: number): string {
  return `skillsmith: ${files} session file${files === 1 ? '' : 's'} in this folder's own files (such as .specstory/history) not read: they came with the folder, not from your agents; --trust-workspace reads them`;
}
