/**
 * The VS Code extension: bundle sizes (as built, and minified as the .vsix ships them), activation time as a
 * ratio to a minimal extension bundled and activated the same way, and the sidebar's work on a library of
 * 5,000 skills (listing and filtering) as ratios to the plainest way of doing the same. Run:
 * node --import tsx bench/vscode.ts (after npm run build). The real-workbench numbers for the same library
 * (time to first tree, filter round trip) come from the UI tests: test-results/ui-scale.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import git from 'isomorphic-git';
import * as fs from 'node:fs';
import { resolveHome } from '../src/core/home';
import { SkillData } from '../src/vscode/data/skill-data';
import { buildTreeModel, NO_SIGNALS } from '../src/vscode/model/tree-model';
import { filterModel } from '../webview/sidebar/filter';
import { makeLargeLibrary } from '../test/vscode/fixtures/large-library';

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'dist');
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

function bundleSizes(): void {
  const out = mkdtempSync(join(tmpdir(), 'bench-min-'));
  const node = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', minify: true, external: ['vscode'], mainFields: ['module', 'main'], logLevel: 'silent' as const, absWorkingDir: ROOT };
  buildSync({ ...node, entryPoints: { extension: 'src/vscode/extension.ts', worker: 'src/worker/main.ts' }, outdir: out });
  buildSync({ bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, logLevel: 'silent', absWorkingDir: ROOT, entryPoints: { webview: 'webview/sidebar/main.ts', detail: 'webview/detail/main.ts' }, outdir: out });
  console.log('   bundle            as built   minified (.vsix)');
  for (const name of ['extension.js', 'worker.js', 'webview.js', 'detail.js', 'detail.css']) {
    console.log(`   ${name.padEnd(16)}  ${kb(statSync(join(DIST, name)).size).padStart(8)}   ${kb(statSync(join(out, name)).size).padStart(8)}`);
  }
}

/**
 * Loads a bundle in a fresh Node process with a stand-in `vscode` module (every API a no-op that returns
 * something disposable) and times require + activate(). The same for a minimal extension is the baseline.
 */
function activationMs(bundle: string): { load: number; activate: number } {
  // every top-level name of the API (esbuild copies a module's own properties, so they must exist)
  const types = readFileSync(join(ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = [...new Set([...types.matchAll(/^\s+export (?:class|enum|namespace|function|const|let) (\w+)/gm)].map((m) => m[1]))];
  const script = `
    const Module = require('module');
    const noop = new Proxy(function () {}, {
      get: (t, k) => (k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : noop),
      apply: () => noop,
      construct: () => noop,
      set: () => true,
    });
    const shim = Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, noop]));
    const load = Module._load;
    Module._load = function (request, ...rest) { return request === 'vscode' ? shim : load.call(this, request, ...rest); };
    const started = process.hrtime.bigint();
    const ext = require(${JSON.stringify(bundle)});
    const loaded = process.hrtime.bigint();
    ext.activate({ subscriptions: [], extensionUri: noop, globalStorageUri: noop, workspaceState: noop, secrets: noop });
    process.stdout.write(JSON.stringify([Number(loaded - started) / 1e6, Number(process.hrtime.bigint() - loaded) / 1e6]));
    // the extension's timers (the hand-edit check) would keep this process alive
    process.exit(0);
  `;
  const runs = Array.from({ length: 5 }, () => JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as [number, number]);
  const median = (i: 0 | 1) => runs.map((r) => r[i]).sort((a, b) => a - b)[2]!;
  return { load: median(0), activate: median(1) };
}

function minimalExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-minimal-ext-'));
  writeFileSync(join(dir, 'ext.ts'), `import * as vscode from 'vscode';\nexport function activate(c: vscode.ExtensionContext) { c.subscriptions.push(vscode.commands.registerCommand('x.hello', () => vscode.window.showInformationMessage('hi'))); }\n`);
  buildSync({ bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], entryPoints: [join(dir, 'ext.ts')], outfile: join(dir, 'ext.js'), logLevel: 'silent' });
  return join(dir, 'ext.js');
}

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

async function largeLibrary(): Promise<void> {
  const home = resolveHome(mkdtempSync(join(tmpdir(), 'bench-5000-')));
  makeLargeLibrary(home.library, 5000);
  const baseline = await time(async () => {
    const tip = await git.resolveRef({ fs, dir: home.library, ref: 'HEAD' });
    return (await git.readTree({ fs, dir: home.library, oid: tip })).tree.length;
  });
  const data = new SkillData(home);
  const cold = await time(() => data.tree());
  const warm = await time(() => data.tree());
  console.log(`   5,000 skills: first listing ${cold.ms.toFixed(0)} ms (${(cold.ms / baseline.ms).toFixed(0)}× reading the root tree, ${baseline.ms.toFixed(0)} ms); again ${warm.ms.toFixed(0)} ms (${(warm.ms / baseline.ms).toFixed(1)}×)`);
  const model = buildTreeModel({ library: home.library, skills: cold.value.groups[0]!.skills.map((s) => ({ name: s.name, description: s.description, version: s.version, updatedAt: s.updatedAt })), candidates: [], signals: NO_SIGNALS });
  const names = model.groups[0]!.skills.map((s) => s.name);
  const plain = await time(() => {
    let n = 0;
    for (let i = 0; i < 100; i++) n += names.filter((x) => x.includes('bisect')).length;
    return n;
  });
  const filtered = await time(() => {
    let n = 0;
    for (let i = 0; i < 100; i++) n += filterModel(model, 'bisect git').groups[0]!.skills.length;
    return n;
  });
  console.log(`   filter over 5,000: ${(filtered.ms / 100).toFixed(2)} ms a keystroke (${(filtered.ms / plain.ms).toFixed(1)}× a plain name filter); the sidebar then renders one page (100) per group`);
  const message = JSON.stringify({ type: 'tree', model: cold.value });
  console.log(`   the tree message for 5,000 skills: ${kb(message.length)}`);
}

export async function run(): Promise<void> {
  bundleSizes();
  const ours = activationMs(join(DIST, 'extension.js'));
  const minimal = activationMs(minimalExtension());
  const total = (a: { load: number; activate: number }) => a.load + a.activate;
  console.log(
    `   activation (median of 5): loading the bundle ${ours.load.toFixed(1)} ms, activate() ${ours.activate.toFixed(1)} ms; ` +
      `${(total(ours) / total(minimal)).toFixed(1)}× a one-command extension (${total(minimal).toFixed(1)} ms). The core loads on first use.`,
  );
  await largeLibrary();
  const ui = join(ROOT, 'test-results', 'ui-scale.json');
  try {
    console.log(`   in the workbench (last UI test run): ${readFileSync(ui, 'utf8').replace(/\s+/g, ' ')}`);
  } catch {
    console.log('   in the workbench: run npm run test:ui for the numbers measured there');
  }
}

if (/bench\/vscode\.ts$/.test(process.argv[1] ?? '')) void run();
