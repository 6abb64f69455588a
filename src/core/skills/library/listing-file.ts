import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { LibrarySkill } from './types';

/** A listed skill with the tree id of its folder: the same tree always holds the same description. */
export interface ListedSkill extends LibrarySkill {
  tree: string;
}

/** The library branch's skills at commit `tip`, sorted by name. */
export interface Listing {
  tip: string;
  skills: ListedSkill[];
}

/**
 * Bump when the file's shape changes or when a description is read differently (skill-description.ts): a saved
 * listing of another format is ignored and made again.
 */
const FORMAT = 1;
const OID = /^[0-9a-f]{40}$/;

/**
 * The listing saved by the last process that listed the library, or undefined when there is none or it
 * cannot be trusted (unreadable, another format, a field of the wrong type): it is only ever a shortcut.
 */
export async function readListing(path: string): Promise<Listing | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
  return isListingFile(data) ? { tip: data.tip, skills: data.skills } : undefined;
}

/** Saves `listing` whole or not at all (a temporary file renamed over the old one). */
export async function writeListing(path: string, listing: Listing): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, JSON.stringify({ format: FORMAT, ...listing }));
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

function isListingFile(data: unknown): data is { format: number } & Listing {
  if (typeof data !== 'object' || data === null) return false;
  const { format, tip, skills } = data as Record<string, unknown>;
  return format === FORMAT && typeof tip === 'string' && OID.test(tip) && Array.isArray(skills) && skills.every(isListedSkill);
}

function isListedSkill(value: unknown): value is ListedSkill {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return [s.name, s.description, s.version, s.updatedAt, s.tree].every((field) => typeof field === 'string');
}
