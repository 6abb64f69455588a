// A small test runner for the extension host: runs cases in order, prints each result and a closing
// `N passed, N failed` line, and rejects when any case failed (the harness turns that into a failing exit).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

type Body = () => Promise<void> | void;
interface Case {
  name: string;
  body: Body;
}

const cases: Case[] = [];
const CASE_TIMEOUT_MS = 30_000;

export function test(name: string, body: Body): void {
  cases.push({ name, body });
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Asks the harness (test/vscode/run-exthost-tests.js) for a screenshot of the workbench as it is now, and
 * waits until it is saved. Without E2E_SHOT_DIR (another harness) there is no one to ask, and it returns.
 */
export async function screenshot(name: string): Promise<void> {
  const dir = process.env.E2E_SHOT_DIR;
  if (!dir) return;
  const file = join(dir, `${name}.png`);
  rmSync(file, { force: true });
  console.log(`[screenshot] ${name}`);
  const until = Date.now() + 15_000;
  while (!existsSync(file)) {
    if (Date.now() > until) throw new Error(`the harness saved no screenshot ${file}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function runAll(): Promise<void> {
  if (cases.length === 0) throw new Error('no extension-host tests were registered');
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(c.body), CASE_TIMEOUT_MS);
      passed++;
      console.log(`✔ ${c.name} (${Date.now() - started}ms)`);
    } catch (e) {
      failed++;
      console.log(`✖ ${c.name}\n${inspect(e).replace(/^/gm, '    ')}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} extension-host test${failed === 1 ? '' : 's'} failed`);
}
