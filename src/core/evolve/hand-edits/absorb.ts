import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError, SkillsmithError } from '../../errors';
import { agentTarget } from '../../skills/install/agents';
import { exists, hashFiles, lastModified, readInstalledFiles, sameHashes, tildePath } from '../../skills/install/folder-files';
import { refreshInstalls, type InstallContext } from '../../skills/install/install';
import { markedFiles, skillMdPath } from '../../skills/install/materialize';
import { readOwnership } from '../../skills/install/ownership';
import { listInstallRecords, type InstallRecord } from '../../skills/install/records';
import { stripVersionMarker } from '../../skills/install/version-marker';
import { LIBRARY_HAND_EDIT_SUBJECT } from '../../skills/library/hand-edit-marker';
import { readFileSet, sameFileSet, writeFileSet, type FileSet } from '../../skills/library/skill-files';
import { recordHandEdit } from './store';
import { markedAsHandEdit, withoutMarker } from './user-version';

/** How long an edited skill must stay untouched before it is recorded: an editor may still be saving. */
export const DEFAULT_QUIET_MS = 3 * 60 * 1000;

export interface AbsorbContext extends InstallContext {
  /** Default DEFAULT_QUIET_MS. */
  quietMs?: number;
  /** Milliseconds since the epoch; injectable so tests need not wait out the quiet period. */
  clock?: () => number;
  /** Told about each recorded hand edit, after it is committed and stored (the canary gate stops its experiment). */
  onHandEdit?: (edit: AbsorbedEdit) => void | Promise<void>;
}

export interface AbsorbedEdit {
  skill: string;
  /** The new library version: the user's. */
  version: string;
  /** The version the user edited. */
  baseVersion: string | null;
  /** The folder the user edited. */
  path: string;
  where: 'install' | 'library';
}

export interface PendingEdit {
  skill: string;
  path: string;
  where: 'install' | 'library';
  /** How much longer the edit must stay quiet before it is recorded. */
  quietInMs: number;
}

export interface AbsorbReport {
  committed: AbsorbedEdit[];
  waiting: PendingEdit[];
  /** Folders checked that hold exactly what was installed. */
  unchanged: number;
  problems: string[];
}

/**
 * Finds hand edits (to installed copies, to linked version folders, and to the library's own folders),
 * and records each one that has been quiet long enough as a new version of its skill: the user's version,
 * without the version marker, marked as a hand edit. The installs then move to that version.
 */
export async function absorbHandEdits(ctx: AbsorbContext): Promise<AbsorbReport> {
  const report: AbsorbReport = { committed: [], waiting: [], unchanged: 0, problems: [] };
  const bySkill = new Map<string, QuietEdit[]>();
  for (const group of watchedFolders(listInstallRecords(ctx.store))) {
    const edit = await checkInstalledFolder(ctx, group, report);
    if (edit) bySkill.set(edit.skill, [...(bySkill.get(edit.skill) ?? []), edit]);
  }
  for (const [skill, edits] of bySkill) await absorbInstalled(ctx, skill, edits, report);
  await absorbLibraryFolders(ctx, report);
  await ctx.store.flush();
  return report;
}

/** The folder a hand edit lands in (the version folder behind a link, or the copy) and the installs that show it. */
interface WatchedFolder {
  folder: string;
  records: InstallRecord[];
}

interface QuietEdit extends WatchedFolder {
  skill: string;
  files: FileSet;
}

function watchedFolders(records: InstallRecord[]): WatchedFolder[] {
  const groups = new Map<string, InstallRecord[]>();
  for (const r of records) {
    const folder = r.method === 'link' ? r.source : r.path;
    groups.set(folder, [...(groups.get(folder) ?? []), r]);
  }
  return [...groups].map(([folder, rs]) => ({ folder, records: rs }));
}

async function checkInstalledFolder(ctx: AbsorbContext, group: WatchedFolder, report: AbsorbReport): Promise<QuietEdit | undefined> {
  const first = group.records[0];
  if (!(await exists(group.folder))) return undefined;
  // a copy someone replaced with a folder of their own is theirs, not an edit of ours
  if (first.method === 'copy' && (await readOwnership(group.folder))?.installId !== first.installId) return undefined;
  let files: FileSet;
  try {
    files = await readInstalledFiles(group.folder);
  } catch (e) {
    report.problems.push(`${group.folder}: cannot read the edited skill: ${describeError(e)}`);
    return undefined;
  }
  if (sameHashes(hashFiles(files), first.files)) {
    report.unchanged++;
    return undefined;
  }
  const wait = await quietIn(ctx, group.folder);
  if (wait > 0) {
    report.waiting.push({ skill: first.skill, path: first.path, where: 'install', quietInMs: wait });
    return undefined;
  }
  return { ...group, skill: first.skill, files };
}

/** Records the quiet edits of one skill, one folder after another, then moves the skill's installs to the result. */
async function absorbInstalled(ctx: AbsorbContext, skill: string, edits: QuietEdit[], report: AbsorbReport): Promise<void> {
  const absorbed = new Set<string>();
  for (const edit of edits) {
    const base = edit.records[0].version;
    let pristine: FileSet;
    try {
      pristine = (await ctx.library.files(skill, base)).files;
    } catch (e) {
      report.problems.push(`${edit.folder}: the edited version ${base.slice(0, 7)} of ${skill} is not in the library: ${describeError(e)}`);
      continue;
    }
    const userFiles = withoutMarker(edit.files, markedFiles(skill, base, pristine), pristine);
    // only the marker was touched: nothing to record, and reinstalling puts it back
    const result = sameFileSet(userFiles, pristine)
      ? 'unchanged'
      : await commitUserVersion(ctx, skill, userFiles, `hand edit by the user in ${tildePath(edit.records[0].path, ctx.userHome)}`, describeInstalls(edit, base), report);
    if (result === undefined) continue; // refused: the edit stays where it is
    for (const r of edit.records) absorbed.add(r.path);
    if (result !== 'unchanged') await noteHandEdit(ctx, { skill, version: result, baseVersion: base, path: edit.records[0].path, where: 'install' }, report);
  }
  if (absorbed.size === 0) return;
  const moved = await refreshInstalls(ctx, skill, { absorbed });
  for (const f of moved.failed) report.problems.push(`${f.path}: not moved to the new version: ${f.error}`);
}

async function absorbLibraryFolders(ctx: AbsorbContext, report: AbsorbReport): Promise<void> {
  let edited: { name: string; dir: string }[];
  try {
    edited = await ctx.library.workingTreeEdits();
  } catch (e) {
    report.problems.push(`${ctx.library.dir}: cannot look for edits: ${describeError(e)}`);
    return;
  }
  for (const { name, dir } of edited) {
    const wait = await quietIn(ctx, dir);
    if (wait > 0) {
      report.waiting.push({ skill: name, path: dir, where: 'library', quietInMs: wait });
      continue;
    }
    let onDisk: FileSet;
    try {
      onDisk = await readFileSet(dir);
    } catch (e) {
      report.problems.push(`${dir}: cannot read the edited skill: ${describeError(e)}`);
      continue;
    }
    const base = (await ctx.library.files(name)).version;
    const body = `The user edited version ${base.slice(0, 7)} in the library's own folder.`;
    const version = await commitUserVersion(ctx, name, stripMarkers(onDisk), LIBRARY_HAND_EDIT_SUBJECT, body, report, onDisk);
    if (version === undefined || version === 'unchanged') continue;
    await noteHandEdit(ctx, { skill: name, version, baseVersion: base, path: dir, where: 'library' }, report);
    const moved = await refreshInstalls(ctx, name);
    for (const f of moved.failed) report.problems.push(`${f.path}: not moved to the new version: ${f.error}`);
  }
}

/**
 * Commits the user's version through the library (validated there): the new version id, `unchanged` when
 * the library already holds exactly this, undefined when it was refused (the reason goes to the report).
 */
async function commitUserVersion(
  ctx: AbsorbContext,
  skill: string,
  files: FileSet,
  subject: string,
  body: string,
  report: AbsorbReport,
  /** The library folder as read, when the edit is there: the library then knows this write records it. */
  recordsWorkingTree?: FileSet,
): Promise<string | 'unchanged' | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'skillsmith-hand-edit-'));
  try {
    const folder = join(dir, skill);
    await writeFileSet(folder, markedAsHandEdit(files));
    const reason = `${subject}\n\n${body}\nRecorded as the user's version: ground truth for the next rewrite.`;
    return (await ctx.library.update(skill, folder, reason, { recordsWorkingTree })).id;
  } catch (e) {
    if (!(e instanceof SkillsmithError)) throw e;
    if (/nothing changed/.test(e.message)) return 'unchanged';
    report.problems.push(`${skill}: the hand edit was not recorded: ${e.describe()}`);
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function noteHandEdit(ctx: AbsorbContext, edit: AbsorbedEdit, report: AbsorbReport): Promise<void> {
  recordHandEdit(ctx.store, { skill: edit.skill, version: edit.version, baseVersion: edit.baseVersion, path: edit.path, committedAt: new Date(clockOf(ctx)()).toISOString() });
  report.committed.push(edit);
  try {
    await ctx.onHandEdit?.(edit);
  } catch (e) {
    report.problems.push(`${edit.skill}: after recording the hand edit: ${describeError(e)}`);
  }
}

/** Milliseconds until the folder has been untouched for the quiet period; 0 when it has. */
async function quietIn(ctx: AbsorbContext, dir: string): Promise<number> {
  const quiet = ctx.quietMs ?? DEFAULT_QUIET_MS;
  const since = clockOf(ctx)() - (await lastModified(dir));
  return Math.max(0, Math.ceil(quiet - since));
}

function clockOf(ctx: AbsorbContext): () => number {
  return ctx.clock ?? Date.now;
}

function stripMarkers(files: FileSet): FileSet {
  const md = skillMdPath(files);
  if (!md) return files;
  const out: FileSet = new Map(files);
  const text = Buffer.from(files.get(md)!.bytes).toString('utf8');
  out.set(md, { ...files.get(md)!, bytes: new TextEncoder().encode(stripVersionMarker(text, md)) });
  return out;
}

function describeInstalls(edit: QuietEdit, base: string): string {
  const where = edit.records.map((r) => `${agentTarget(r.agent).label} (${r.scope})`).join(', ');
  return `The user edited version ${base.slice(0, 7)} as installed for ${where}.`;
}
