import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { findSecrets, redactText } from '../../core/redact';
import { SkillsmithError } from '../../core/errors';
import type { CliContext } from '../context';
import { EXIT } from '../context';
import { action } from '../program';

export function registerRedact(program: Command): void {
  program
    .command('redact')
    .description('print a file with every secret replaced by a [REDACTED:<type>] placeholder')
    .argument('<file>', 'the file to redact, or - for standard input')
    .option('--json', 'print {path, findings: [{type, line}]} instead of the redacted text')
    .action(action(redactCommand));
}

async function redactCommand(ctx: CliContext, [file]: string[]): Promise<number> {
  const path = file!;
  const text = await readInput(path);
  if (ctx.json) {
    const lineAt = lineLocator(text);
    const findings = findSecrets(text).map((f) => ({ type: f.type, line: lineAt(f.start) }));
    ctx.out(JSON.stringify({ path, findings }, null, 2));
  } else {
    // written as is: the redacted copy keeps the file's own line endings and its (missing) final newline
    await new Promise<void>((done) => process.stdout.write(redactText(text), () => done()));
  }
  return EXIT.ok;
}

const READ_ERRORS: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'it is a folder', EACCES: 'permission denied' };

async function readInput(path: string): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new SkillsmithError(`cannot read: ${READ_ERRORS[code] ?? (e as Error).message}`, path);
  }
}

/** 1-based line of an offset; offsets are asked for in increasing order, so the scan only moves forward. */
function lineLocator(text: string): (offset: number) => number {
  let line = 1;
  let scanned = 0;
  return (offset) => {
    for (; scanned < offset; scanned++) if (text.charCodeAt(scanned) === 10) line++;
    return line;
  };
}
