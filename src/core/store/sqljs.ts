import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

/**
 * Loads sql.js once per process. The WebAssembly file sits beside the bundle in `dist/`; from source
 * (tests, tsx) it comes from the installed package.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs({ locateFile: () => wasmPath() });
  return loading;
}

function wasmPath(): string {
  const beside = join(__dirname, 'sql-wasm.wasm');
  if (existsSync(beside)) return beside;
  // from source: the package's own copy (resolved at run time, so bundles never try to include it)
  return join(dirname(createRequire(__filename).resolve('sql.js')), 'sql-wasm.wasm');
}
