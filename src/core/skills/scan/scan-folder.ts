import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { SkillsmithError } from '../../errors';
import { scanText, textKindOf } from './scan-text';
import type { ScanFinding } from './types';

/** Larger files are not skill text; they are reported as skipped, not read. */
export const MAX_SCANNED_BYTES = 2 * 1024 * 1024;
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export interface FolderScan {
  findings: ScanFinding[];
  /** Files read and scanned. */
  scanned: number;
  /** Files not scanned, with why (binary, too large, a link). */
  skipped: { path: string; reason: string }[];
}

/**
 * Scans every text file under `root` (a skill folder, a folder of skills, or one file). Paths in findings
 * are relative to `root` with `/` separators. Binary files are skipped; symbolic links under `root` are not followed.
 */
export async function scanPath(root: string): Promise<FolderScan> {
  // the path the user named is followed when it is a link (links found inside a folder are not)
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new SkillsmithError('no such file or folder', root);
  if (!info.isFile() && !info.isDirectory()) throw new SkillsmithError('not a file or folder (a FIFO, socket or device cannot hold a skill)', root);
  const result: FolderScan = { findings: [], scanned: 0, skipped: [] };
  if (info.isFile()) {
    await scanFile(root, root.split(sep).pop() ?? root, info.size, result);
    return result;
  }
  await walk(root, root, result);
  result.findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return result;
}

/** Scans files held in memory (a skill about to be committed), keyed by path relative to the skill folder. */
export function scanFiles(files: Iterable<[string, Uint8Array]>): FolderScan {
  const result: FolderScan = { findings: [], scanned: 0, skipped: [] };
  for (const [path, bytes] of files) {
    const text = bytes.byteLength > MAX_SCANNED_BYTES ? undefined : decodeText(bytes);
    if (bytes.byteLength > MAX_SCANNED_BYTES) result.skipped.push({ path, reason: 'too large' });
    else if (text === undefined) result.skipped.push({ path, reason: 'binary' });
    else {
      result.scanned++;
      result.findings.push(...scanText(text, path, textKindOf(path)));
    }
  }
  result.findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return result;
}

async function walk(root: string, dir: string, result: FolderScan): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const rel = relative(root, full).split(sep).join('/');
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(root, full, result);
    } else if (entry.isFile()) {
      await scanFile(full, rel, (await lstat(full)).size, result);
    } else if (entry.isSymbolicLink()) {
      result.skipped.push({ path: rel, reason: 'symbolic link (not followed)' });
    }
  }
}

async function scanFile(full: string, rel: string, size: number, result: FolderScan): Promise<void> {
  if (size > MAX_SCANNED_BYTES) {
    result.skipped.push({ path: rel, reason: 'too large' });
    return;
  }
  const text = decodeText(await readFile(full));
  if (text === undefined) {
    result.skipped.push({ path: rel, reason: 'binary' });
    return;
  }
  result.scanned++;
  result.findings.push(...scanText(text, rel, textKindOf(rel)));
}

/** UTF-8 text, or undefined for binary content (a NUL byte, or bytes that are not UTF-8). */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
