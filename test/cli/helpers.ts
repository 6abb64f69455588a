import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve(__dirname, '../../dist/cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, with a private home unless one is given. */
export function runCli(args: string[], opts: { home?: string; cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliRun {
  const env = { ...process.env, ...opts.env };
  if (opts.home) env.SKILLSMITH_HOME = opts.home;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd, env, encoding: 'utf8', input: opts.input });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The CLI in a child process without blocking this one, for tests whose scripted server must keep
 * answering while it runs. `env` is added to this process's environment.
 */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

export function tempDir(prefix = 'skillsmith-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
