import type { Command } from 'commander';
import { surveyLocations, type LocationSurvey } from '../../core/ingest/survey';
import { StateStore } from '../../core/store/database';
import { formatProblem } from '../../core/transcripts/adapter';
import { discoverSources } from '../../core/transcripts/discovery';
import { EXIT, type CliContext } from '../context';
import { action } from '../program';

interface SourcesOptions {
  allWorkspaces?: boolean;
}

interface SourceJson {
  agent: string;
  label: string;
  path: string;
  exists: boolean;
  files: number;
  sessions: number;
  pending: number;
  failed: number;
  /** Folders under it that could not be searched. */
  problems: Array<{ folder: string; reason: string }>;
}

export function registerSources(program: Command): void {
  program
    .command('sources')
    .description("list where each agent's sessions are on this machine, and how many belong to this folder's workspace")
    .option('--all-workspaces', 'count sessions of every workspace, not only the current folder')
    .option('--json', 'print the sources as JSON')
    .action(action(sources));
}

async function sources(ctx: CliContext, _args: string[], opts: SourcesOptions): Promise<number> {
  const workspace = process.cwd();
  const locations = discoverSources({ workspace });
  // only looks: never takes the state file from a running ingest
  const store = await StateStore.open(ctx.home.state, { readOnly: true, onNotice: (m) => ctx.err(`skillsmith: ${m}`) });
  let surveys: LocationSurvey[];
  try {
    surveys = await surveyLocations(store, locations, { workspace, allWorkspaces: opts.allWorkspaces });
  } finally {
    await store.close();
  }
  if (ctx.json) {
    const out = { workspace: opts.allWorkspaces ? null : workspace, sources: surveys.map(toJson) };
    ctx.out(JSON.stringify(out, null, 2));
    return EXIT.ok;
  }
  const found = surveys.filter((s) => s.location.exists);
  if (found.length === 0) {
    ctx.out('No agent sessions found in the usual places.');
    return EXIT.ok;
  }
  ctx.out(opts.allWorkspaces ? 'Sessions of every workspace:' : `Sessions of ${workspace}:`);
  const width = Math.max(...found.map((s) => s.location.label.length));
  for (const s of found) ctx.out(`  ${s.location.label.padEnd(width)}  ${counts(s)}  ${s.location.path}`);
  for (const s of found) for (const p of s.problems) ctx.err(formatProblem(p));
  return EXIT.ok;
}

function counts(s: LocationSurvey): string {
  const parts = [`${s.sessions} session${s.sessions === 1 ? '' : 's'}`];
  if (s.pending > 0) parts.push(`${s.pending} file${s.pending === 1 ? '' : 's'} not ingested yet`);
  if (s.failed > 0) parts.push(`${s.failed} unreadable`);
  return parts.join(', ');
}

function toJson(s: LocationSurvey): SourceJson {
  const { location } = s;
  return {
    agent: location.agent ?? 'any',
    label: location.label,
    path: location.path,
    exists: location.exists,
    files: s.files,
    sessions: s.sessions,
    pending: s.pending,
    failed: s.failed,
    problems: s.problems.map((p) => ({ folder: p.file, reason: p.reason })),
  };
}
