import type { Command } from 'commander';
import { SkillsmithError } from '../../core/errors';
import { ruleCatalog, scanPath, type ScanFinding, type Severity } from '../../core/skills/scan';
import { EXIT, type CliContext } from '../context';
import { action } from '../program';

interface ScanOptions {
  library?: string;
  rules?: boolean;
  json?: boolean;
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('scan skills for prompt injection and hostile content: instruction overrides, role tags, exfiltration, hidden text, downloads run in a shell, destructive or persistent commands, active HTML, approval-bypass claims, look-alike names; exit 1 on a high-severity finding')
    .argument('[path]', 'a skill folder, a folder of skills, or one file')
    .option('--library <dir>', 'the folder of skills to scan (instead of PATH)')
    .option('--rules', 'list the rules and what each looks for')
    .option('--json', 'print the findings as JSON: [{path, line, rule, severity, excerpt}]')
    .action(action<ScanOptions>(scanCommand));
}

async function scanCommand(ctx: CliContext, [path]: string[], opts: ScanOptions): Promise<number> {
  if (opts.rules) {
    const rules = ruleCatalog();
    ctx.out(ctx.json ? JSON.stringify(rules, null, 2) : rules.map((r) => `${r.id.padEnd(26)} ${r.severity.padEnd(6)} ${r.summary}`).join('\n'));
    return EXIT.ok;
  }
  const target = path ?? opts.library;
  if (!target) throw new SkillsmithError('give a PATH (or --library DIR) to scan', 'scan');
  if (path && opts.library) throw new SkillsmithError('give a PATH or --library DIR, not both', 'scan');
  const result = await scanPath(target);
  const high = result.findings.some((f) => f.severity === 'high');
  if (ctx.json) ctx.out(JSON.stringify(result.findings, null, 2));
  else {
    for (const f of result.findings) ctx.out(formatFinding(f));
    ctx.out(summary(result.scanned, result.skipped.length, result.findings));
  }
  for (const s of result.skipped) ctx.debug(`not scanned: ${s.path} (${s.reason})`);
  return high ? EXIT.invalid : EXIT.ok;
}

function formatFinding(f: ScanFinding): string {
  return `${f.severity.padEnd(6)} ${f.rule.padEnd(26)} ${f.path}:${f.line}\n       ${f.excerpt}`;
}

function summary(scanned: number, skipped: number, findings: ScanFinding[]): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const files = `${scanned} file${scanned === 1 ? '' : 's'} scanned${skipped ? ` (${skipped} binary or too large, skipped)` : ''}`;
  return `${files}: ${count('high')} high, ${count('medium')} medium, ${count('low')} low`;
}
