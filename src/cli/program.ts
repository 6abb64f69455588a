import { Command, CommanderError } from 'commander';
import { describeError, SkillsmithError } from '../core/errors';
import { EXIT, makeContext, type CliContext, type GlobalOptions } from './context';
import { registerAll } from './commands';
import { isUsageError } from './number-options';

/**
 * A command's action: gets the positional arguments (a variadic last one flattened in) and the command's
 * own options, and returns the exit code.
 */
export type Action<O> = (ctx: CliContext, args: string[], opts: O) => Promise<number> | number;

/**
 * Wraps a command action: builds the context from the global options, maps user-facing errors to one line
 * on stderr and exit 1 (2 for a bad option value), and lets bugs surface with a stack only under --verbose.
 */
export function action<O = Record<string, unknown>>(fn: Action<O>) {
  return async function (this: Command, ...args: unknown[]) {
    const ctx = makeContext(this.optsWithGlobals() as GlobalOptions);
    try {
      const positional = (args.slice(0, -2) as Array<string | string[] | undefined>).flat().filter((a): a is string => a !== undefined);
      process.exitCode = await fn(ctx, positional, this.opts() as O);
    } catch (e) {
      ctx.err(`skillsmith: ${describeError(e)}`);
      if (ctx.verbose && !(e instanceof SkillsmithError) && e instanceof Error && e.stack) ctx.err(e.stack);
      process.exitCode = isUsageError(e) ? EXIT.usage : EXIT.invalid;
    }
  };
}

export function buildProgram(): Command {
  const program = new Command('skillsmith')
    .description('Turn AI coding-agent sessions into versioned, self-improving Agent Skills.')
    .version(process.env.SKILLSMITH_VERSION ?? '0.1.0')
    .option('--home <dir>', 'home folder for the library and state (default: $SKILLSMITH_HOME or ~/.skillsmith)')
    .option('--verbose', 'print diagnostics to stderr')
    .showHelpAfterError()
    .exitOverride();
  registerAll(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are successful exits; anything else commander rejects is a usage error
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`skillsmith: ${describeError(e)}\n`);
    return EXIT.invalid;
  }
}
