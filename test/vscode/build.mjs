// Bundles the extension-host tests for test/vscode/run.sh: test/vscode/suite into dist-test/exthost.js, and the
// Restricted Mode suite (test/vscode/untrusted) into dist-test/untrusted.js.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

await esbuild.build({
  absWorkingDir: fileURLToPath(new URL('../..', import.meta.url)),
  entryPoints: { exthost: 'test/vscode/suite/index.ts', untrusted: 'test/vscode/untrusted/index.ts' },
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
