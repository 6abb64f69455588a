import type { Command } from 'commander';
import { SkillsmithError } from '../../core/errors';
import { DEFAULT_QUIET_MS, type AbsorbReport } from '../../core/evolve/hand-edits/absorb';
import { recordHandEdits } from '../../core/evolve/hand-edits/record';
import { EXIT, type CliContext } from '../context';
import { displayPath, openInstallContext } from '../install-context';
import { action } from '../program';

interface AbsorbOptions {
  quietSeconds?: string;
}

export function registerAbsorb(program: Command): void {
  program
    .command('absorb')
    .description('record hand edits of installed skills (and of the library folders) as your versions, once they are quiet')
    .option('--quiet-seconds <n>', 'how long an edit must be untouched before it is recorded', String(DEFAULT_QUIET_MS / 1000))
    .option('--json', 'print the result as JSON')
    .action(action(absorb));
}

async function absorb(ctx: CliContext, _args: string[], opts: AbsorbOptions): Promise<number> {
  const quietMs = quietSeconds(opts.quietSeconds) * 1000;
  const { install, close } = await openInstallContext(ctx);
  try {
    const { canariesStopped: _stopped, ...report } = await recordHandEdits({ ...install, quietMs }, (m) => ctx.err(`skillsmith: ${m}`));
    print(ctx, report);
    return report.problems.length > 0 ? EXIT.invalid : EXIT.ok;
  } finally {
    await close();
  }
}

function quietSeconds(value: string | undefined): number {
  const n = Number(value ?? DEFAULT_QUIET_MS / 1000);
  if (!Number.isFinite(n) || n < 0) throw new SkillsmithError(`must be a number of seconds, not "${value}"`, '--quiet-seconds');
  return n;
}

function print(ctx: CliContext, r: AbsorbReport): void {
  if (ctx.json) {
    ctx.out(JSON.stringify(r, null, 2));
    return;
  }
  for (const c of r.committed) ctx.out(`recorded  ${c.skill}@${c.version.slice(0, 7)}  hand edit of ${c.baseVersion?.slice(0, 7) ?? '?'} in ${displayPath(c.path)}`);
  for (const w of r.waiting) ctx.out(`waiting   ${w.skill}  edited in ${displayPath(w.path)}; recorded once untouched for ${Math.ceil(w.quietInMs / 1000)} s more`);
  if (r.committed.length === 0 && r.waiting.length === 0) ctx.out(`No hand edits (${r.unchanged} installed folder${r.unchanged === 1 ? '' : 's'} as installed).`);
  for (const p of r.problems) ctx.err(`skillsmith: ${p}`);
}
