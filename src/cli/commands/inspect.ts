import type { Command } from 'commander';
import { resolve } from 'node:path';
import { redactTrajectory } from '../../core/redact';
import { formatProblem } from '../../core/transcripts/adapter';
import type { Trajectory } from '../../core/transcripts/model';
import { readTranscripts } from '../../core/transcripts/read';
import type { CliContext } from '../context';
import { EXIT } from '../context';
import { action } from '../program';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('read agent sessions and show them as normalized, redacted trajectories')
    .argument('<path>', 'a session file, a session store (SQLite or folder), or a folder to search')
    .option('--json', 'print the trajectories as a JSON array')
    .action(action(inspectCommand));
}

async function inspectCommand(ctx: CliContext, [path]: string[]): Promise<number> {
  const { trajectories, problems } = await readTranscripts(resolve(path!));
  const redacted = trajectories.map(redactTrajectory);
  if (ctx.json) ctx.out(JSON.stringify(redacted, null, 2));
  else {
    for (const t of redacted) ctx.out(describe(t));
    ctx.out(`${plural(redacted.length, 'session')}, ${plural(problems.length, 'problem')}`);
  }
  for (const p of problems) ctx.err(formatProblem(p));
  return trajectories.length === 0 && problems.length > 0 ? EXIT.invalid : EXIT.ok;
}

/** Two lines: what and where, then when, which model, and how it started. */
function describe(t: Trajectory): string {
  const prompts = t.turns.filter((x) => x.role === 'user');
  const calls = t.turns.reduce((n, x) => n + x.toolCalls.length, 0);
  const head = `${t.source} ${t.sessionId} (${t.format}): ${plural(prompts.length, 'prompt')}, ${plural(t.turns.length, 'turn')}, ${plural(calls, 'tool call')}`;
  const first = prompts[0]?.text.replace(/\s+/g, ' ').trim() ?? '';
  const details = [t.startedAt, t.model, t.workspace, t.title && `"${t.title}"`].filter(Boolean).join('  ');
  return `${head}\n  ${details}\n  > ${first.length > 100 ? `${first.slice(0, 99)}…` : first}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
