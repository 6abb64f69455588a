// Bundles the extension, the pipeline worker, the CLI and the webview with esbuild.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// secretlint's recommended preset lazily imports a bundled node-forge (about 0.5 MB) only to open PKCS#12
// files by path; we scan text, never files (src/core/redact/detectors/secretlint.ts passes no filePath), so
// that chunk is left out. The check is by content, so a renamed chunk still goes, and the rules never do.
const omitNodeForge = {
  name: 'omit-node-forge',
  setup(build) {
    build.onResolve({ filter: /^\.\/index-[\w-]+\.js$/ }, (args) => {
      if (!args.importer.includes('secretlint-rule-preset-recommend')) return undefined;
      const path = join(dirname(args.importer), args.path);
      if (!readFileSync(path, 'utf8').includes('pkcs12FromAsn1 = function')) return undefined;
      return { path, namespace: 'omitted-node-forge' };
    });
    build.onLoad({ filter: /.*/, namespace: 'omitted-node-forge' }, () => ({
      contents: 'throw new Error("node-forge is not bundled: Skillsmith scans text, not PKCS#12 files");',
      loader: 'js',
    }));
  },
};

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
  plugins: [omitNodeForge],
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
    // the sidebar (webview.js), the skill detail panel (detail.js, with its uPlot stylesheet as detail.css) and
    // the evaluation report (evaluation.js and evaluation.css)
    entryPoints: { webview: 'webview/sidebar/main.ts', detail: 'webview/detail/main.ts', evaluation: 'webview/evaluation/main.ts' },
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
