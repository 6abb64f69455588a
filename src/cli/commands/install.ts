import type { Command } from 'commander';
import { resolve } from 'node:path';
import { agentsNamed, AGENT_NAMES, parseScope } from '../../core/skills/install/agents';
import { installSkill, type InstallReport } from '../../core/skills/install/install';
import { EXIT, type CliContext } from '../context';
import { displayPath, openInstallContext } from '../install-context';
import { action } from '../program';

interface InstallOptions {
  agent: string;
  scope: string;
  workspace?: string;
  forceQuarantined?: boolean;
}

export function registerInstall(program: Command): void {
  program
    .command('install')
    .description("install a skill version into agents' skills folders (a link where the agent follows one, else a copy)")
    // the version goes after an @: a `--version` option would be taken by the program's own --version
    .argument('<skill>', "SKILL, or SKILL@VERSION to install that version and keep it (default: the library's current version, followed as it changes)")
    .requiredOption('--agent <name>', `${AGENT_NAMES.join(', ')}, or all`)
    .option('--scope <scope>', 'user (your home) or project (the workspace)', 'user')
    .option('--workspace <dir>', 'the workspace for project scope (default: the current folder)')
    .option('--force-quarantined', 'install even a version the injection scanner quarantined')
    .option('--json', 'print the result as JSON')
    .action(action(install));
}

async function install(ctx: CliContext, [target]: string[], opts: InstallOptions): Promise<number> {
  const [skill, atVersion] = target.split('@');
  const scope = parseScope(opts.scope);
  const agents = agentsNamed(opts.agent);
  const { install: ictx, close } = await openInstallContext(ctx);
  try {
    const report = await installSkill(ictx, {
      skill,
      version: atVersion,
      agents,
      scope,
      workspace: scope === 'project' ? resolve(opts.workspace ?? process.cwd()) : undefined,
      // the command line is run by the user on a folder they chose; the editor passes its workspace trust
      trustedWorkspace: true,
      forceQuarantined: Boolean(opts.forceQuarantined),
    });
    print(ctx, report);
    return report.failed.length > 0 ? EXIT.invalid : EXIT.ok;
  } finally {
    await close();
  }
}

function print(ctx: CliContext, r: InstallReport): void {
  if (ctx.json) {
    ctx.out(JSON.stringify(r, null, 2));
    return;
  }
  for (const i of r.installed) {
    ctx.out(`${i.status.padEnd(9)}  ${r.skill}@${i.version.slice(0, 7)}  ${i.agent.padEnd(11)}  ${i.scope.padEnd(7)}  ${i.method.padEnd(4)}  ${displayPath(i.path)}`);
    if (i.note) ctx.err(`skillsmith: ${displayPath(i.path)}: ${i.note}`);
  }
  for (const f of r.failed) ctx.err(`skillsmith: ${f.agent}: ${f.error}`);
}
