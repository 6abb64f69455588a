import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { asObject, asString } from './values';

/**
 * The folder a VS Code-family workspaceStorage entry belongs to, read from `<wsId>/workspace.json`
 * (the id is a salted hash and cannot be recomputed). `levelsUp` is how many folders sit between the
 * session file and `<wsId>`. Undefined when the file is not in such a layout.
 */
export function workspaceFromStorage(file: string, levelsUp: number): string | undefined {
  let dir = dirname(file);
  for (let i = 1; i < levelsUp; i++) dir = dirname(dir);
  let raw: string;
  try {
    raw = readFileSync(join(dir, 'workspace.json'), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const json = asObject(JSON.parse(raw));
    const uri = asString(json?.folder) ?? asString(json?.workspace);
    return uri ? pathFromUri(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** A filesystem path from a `file:` URI; for a remote URI, its path part. */
export function pathFromUri(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return uri;
  }
  const path = decodeURIComponent(url.pathname);
  // file:///c%3A/x → c:/x on Windows-made URIs
  return /^\/[A-Za-z]:/.test(path) ? path.slice(1) : path;
}
