import type { Command } from 'commander';
import { findSkillFolders } from '../../core/skills/skillmd/find';
import type { ValidationReport } from '../../core/skills/skillmd/types';
import { validateSkillFolder } from '../../core/skills/skillmd/validate';
import type { CliContext } from '../context';
import { EXIT } from '../context';
import { action } from '../program';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check skill folders against the Agent Skills specification')
    .argument('<path>', 'a skill folder, a SKILL.md file, or a folder to search for skills')
    .option('--json', 'print the reports as a JSON array')
    .action(action(validateCommand));
}

async function validateCommand(ctx: CliContext, [path]: string[]): Promise<number> {
  const folders = await findSkillFolders(path);
  const reports: ValidationReport[] = [];
  for (const folder of folders) reports.push(await validateSkillFolder(folder));
  if (ctx.json) ctx.out(JSON.stringify(reports, null, 2));
  else for (const r of reports) ctx.out(formatReport(r));
  if (reports.length === 0) {
    ctx.err(`skillsmith: no skills found in ${path} (a skill is a folder containing SKILL.md)`);
    return EXIT.invalid;
  }
  if (!ctx.json) ctx.out(summary(reports));
  return reports.every((r) => r.valid) ? EXIT.ok : EXIT.invalid;
}

function formatReport(r: ValidationReport): string {
  const lines = [`${r.valid ? '✓' : '✗'} ${r.name ?? '(no name)'}  ${r.path}`];
  for (const e of r.errors) lines.push(`    error: ${e}`);
  for (const w of r.warnings) lines.push(`    warning: ${w}`);
  return lines.join('\n');
}

function summary(reports: ValidationReport[]): string {
  const invalid = reports.filter((r) => !r.valid).length;
  const warnings = reports.reduce((n, r) => n + r.warnings.length, 0);
  const skills = `${reports.length} skill${reports.length === 1 ? '' : 's'}`;
  return `${skills}: ${reports.length - invalid} valid, ${invalid} invalid, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
