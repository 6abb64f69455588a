// Runs every test/**/*.test.ts with node's test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [filter...]  — a filter keeps files whose path contains it.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const filters = process.argv.slice(2);
const skipDirs = new Set(['fixtures', 'vscode', 'ui']);
function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return skipDirs.has(name) ? [] : find(p);
    return p.endsWith('.test.ts') ? [p] : [];
  });
}
const files = find('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// Every temporary folder the tests (and the CLIs they start) make goes under one folder of this run, removed
// when the run ends, so a run leaves nothing in the system's temporary folder. Ctrl-C reaches the tests
// too; this process waits for them and cleans up rather than dying first.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
const runTmp = mkdtempSync(join(tmpdir(), 'skillsmith-tests-'));
// mkdtemp makes it 0700; tests that run the CLI as an unprivileged user (under root) must pass through it
chmodSync(runTmp, 0o755);
const env = { ...process.env, TMPDIR: runTmp, TMP: runTmp, TEMP: runTmp };
let status = 1;
try {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
  status = r.status ?? 1;
} finally {
  rmSync(runTmp, { recursive: true, force: true, maxRetries: 3 });
}
process.exit(status);
