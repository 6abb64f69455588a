// Bundles the extension, the pipeline worker, the CLI and the webview with esbuild.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  // isomorphic-git and others have optional deps we never use
  mainFields: ['module', 'main'],
};

const builds = [
  { ...node, entryPoints: { extension: 'src/vscode/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { worker: 'src/worker/main.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    // the sidebar (webview.js) and the skill detail panel (detail.js, with its uPlot stylesheet as detail.css)
    entryPoints: { webview: 'webview/sidebar/main.ts', detail: 'webview/detail/main.ts' },
    outdir: 'dist',
  },
];

mkdirSync('dist', { recursive: true });
// sql.js loads its WebAssembly from beside the bundle.
copyFileSync(join(dirname(require.resolve('sql.js')), 'sql-wasm.wasm'), 'dist/sql-wasm.wasm');
// The webviews draw VS Code's own icons from the codicon font, served from dist/ under their strict CSP.
const codicons = join(dirname(require.resolve('@vscode/codicons/package.json')), 'dist');
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join(codicons, file), join('dist', file));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
}
