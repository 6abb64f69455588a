import type { Command } from 'commander';
import { resolve } from 'node:path';
import { agentsNamed, AGENT_NAMES, parseScope } from '../../core/skills/install/agents';
import { uninstallSkill } from '../../core/skills/install/install';
import { EXIT, type CliContext } from '../context';
import { displayPath, openInstallContext } from '../install-context';
import { action } from '../program';

interface UninstallOptions {
  agent: string;
  scope: string;
  workspace?: string;
}

export function registerUninstall(program: Command): void {
  program
    .command('uninstall')
    .description('remove a skill Skillsmith installed (only what it installed)')
    .argument('<skill>')
    .requiredOption('--agent <name>', `${AGENT_NAMES.join(', ')}, or all`)
    .option('--scope <scope>', 'user or project', 'user')
    .option('--workspace <dir>', 'the workspace for project scope (default: the current folder)')
    .option('--json', 'print the result as JSON')
    .action(action(uninstall));
}

async function uninstall(ctx: CliContext, [skill]: string[], opts: UninstallOptions): Promise<number> {
  const scope = parseScope(opts.scope);
  const { install, close } = await openInstallContext(ctx);
  try {
    const workspace = scope === 'project' ? resolve(opts.workspace ?? process.cwd()) : undefined;
    const report = await uninstallSkill(install, { skill, agents: agentsNamed(opts.agent), scope, workspace });
    if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
    else {
      for (const r of report.removed) ctx.out(`removed        ${skill}  ${r.agent.padEnd(11)}  ${displayPath(r.path)}`);
      for (const r of report.notInstalled) ctx.out(`not installed  ${skill}  ${r.agent.padEnd(11)}  ${displayPath(r.path)}`);
      for (const f of report.failed) ctx.err(`skillsmith: ${f.agent}: ${f.error}`);
    }
    return report.failed.length > 0 ? EXIT.invalid : EXIT.ok;
  } finally {
    await close();
  }
}
