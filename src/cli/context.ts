import { resolveHome, type HomePaths } from '../core/home';

/** The options every command accepts. */
export interface GlobalOptions {
  home?: string;
  json?: boolean;
  verbose?: boolean;
}

/** What a command needs from the process, resolved once. */
export interface CliContext {
  home: HomePaths;
  json: boolean;
  verbose: boolean;
  out(text: string): void;
  err(text: string): void;
  /** Verbose-only diagnostics, to stderr. */
  debug(text: string): void;
}

export function makeContext(opts: GlobalOptions): CliContext {
  const verbose = Boolean(opts.verbose);
  return {
    home: resolveHome(opts.home),
    json: Boolean(opts.json),
    verbose,
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    debug: (t) => {
      if (verbose) process.stderr.write(`[debug] ${t}\n`);
    },
  };
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
