import type { Command } from 'commander';
import { listInstalls } from '../../core/skills/install/install';
import { EXIT, type CliContext } from '../context';
import { displayPath, openInstallContext } from '../install-context';
import { action } from '../program';

export function registerInstalls(program: Command): void {
  program
    .command('installs')
    .description('list the skills Skillsmith installed, where, and whether they were edited since')
    .option('--json', 'print the list as JSON')
    .action(action(installs));
}

async function installs(ctx: CliContext): Promise<number> {
  const { install, close } = await openInstallContext(ctx);
  try {
    const list = await listInstalls(install);
    if (ctx.json) ctx.out(JSON.stringify(list, null, 2));
    else if (list.length === 0) ctx.out('Nothing installed. Install a skill with `skillsmith install SKILL --agent NAME`.');
    else {
      for (const i of list) {
        const version = `${i.skill}@${i.version.slice(0, 7)}${i.pinned ? ' (pinned)' : ''}`;
        ctx.out(`${version}  ${i.agent.padEnd(11)}  ${i.scope.padEnd(7)}  ${i.method.padEnd(4)}  ${i.state.padEnd(8)}  ${displayPath(i.path)}`);
      }
    }
    return EXIT.ok;
  } finally {
    await close();
  }
}
