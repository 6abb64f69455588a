import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { problemReason, type ParseOutput, type Reader } from './adapter';
import { chooseReader, sampleFile } from './detect';
import { readJsonlFrom } from './jsonl';
import { READERS } from './registry';

export { readJsonlFrom } from './jsonl';

/** Folders that never hold sessions and can be huge. */
const SKIP_DIRS = new Set(['.git', 'node_modules']);

/**
 * Reads every session under a path: one session file, one store (a database or a folder-shaped store),
 * or a folder walked recursively. Each file is read on its own, so one bad file never stops the others;
 * everything that goes wrong becomes a one-line ParseProblem, never an exception.
 */
export async function readTranscripts(path: string, readers: readonly Reader[] = READERS): Promise<ParseOutput> {
  const out: ParseOutput = { trajectories: [], problems: [] };
  try {
    const info = await stat(path);
    if (info.isDirectory()) await readFolder(path, readers, out);
    else await readFile(path, readers, out, true);
  } catch (e) {
    out.problems.push({ file: path, reason: fsReason(e) });
  }
  return out;
}

async function readFolder(dir: string, readers: readonly Reader[], out: ParseOutput): Promise<void> {
  const store = chooseReader(dir, undefined, readers);
  if (store && store.kind === 'whole') {
    await readWhole(dir, store, out);
    return;
  }
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    out.problems.push({ file: dir, reason: fsReason(e) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(entries.map((e) => e.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) await readFolder(path, readers, out);
    } else if (entry.isFile()) {
      // VS Code writes a session as <id>.jsonl from 1.109 on and reads that first; an <id>.json beside
      // it is the same session in the old layout.
      if (extname(entry.name) === '.json' && names.has(`${basename(entry.name, '.json')}.jsonl`)) {
        if (await sameSource(path, join(dir, `${basename(entry.name, '.json')}.jsonl`), readers)) continue;
      }
      await readFile(path, readers, out, false);
    }
  }
}

/** True when two files are read by readers of the same agent. */
async function sameSource(a: string, b: string, readers: readonly Reader[]): Promise<boolean> {
  try {
    const ra = chooseReader(a, await sampleFile(a), readers);
    const rb = chooseReader(b, await sampleFile(b), readers);
    return ra !== undefined && rb !== undefined && ra.source === rb.source;
  } catch {
    return false;
  }
}

/**
 * `named` is true for a file the user pointed at: then an empty or unknown file is worth a problem.
 * In a walk, only unknown `.jsonl` files are reported (the container most agents write); folders hold
 * plenty of other files that are not sessions.
 */
async function readFile(path: string, readers: readonly Reader[], out: ParseOutput, named: boolean): Promise<void> {
  try {
    const info = await stat(path);
    if (info.size === 0) {
      if (named) out.problems.push({ file: path, reason: 'empty file' });
      return;
    }
    const reader = chooseReader(path, await sampleFile(path), readers);
    if (!reader) {
      if (named || extname(path) === '.jsonl') out.problems.push({ file: path, reason: 'not a recognized transcript format' });
      return;
    }
    if (reader.kind === 'whole') {
      await readWhole(path, reader, out);
      return;
    }
    const r = await readJsonlFrom(path, reader);
    out.trajectories.push(...r.trajectories);
    out.problems.push(...r.problems);
  } catch (e) {
    out.problems.push({ file: path, reason: fsReason(e) });
  }
}

async function readWhole(path: string, reader: Reader & { kind: 'whole' }, out: ParseOutput): Promise<void> {
  try {
    const r = await reader.read(path);
    out.trajectories.push(...r.trajectories);
    out.problems.push(...r.problems);
  } catch (e) {
    out.problems.push({ file: path, reason: `could not read as ${reader.format}: ${problemReason(e)}` });
  }
}

function fsReason(e: unknown): string {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return problemReason(e);
}
