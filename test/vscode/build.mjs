// Bundles the extension-host tests (test/vscode/suite) into dist-test/exthost.js for test/vscode/run.sh.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

await esbuild.build({
  absWorkingDir: fileURLToPath(new URL('../..', import.meta.url)),
  entryPoints: { exthost: 'test/vscode/suite/index.ts' },
  outdir: 'dist-test',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['vscode'],
  mainFields: ['module', 'main'],
});
