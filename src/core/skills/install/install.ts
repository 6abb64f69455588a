import { randomUUID } from 'node:crypto';
import { mkdir, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describeError, SkillsmithError } from '../../errors';
import type { StateStore } from '../../store/database';
import type { SkillLibrary } from '../library/library';
import type { FileSet } from '../library/skill-files';
import { adoptOrphan } from './adopt';
import { agentTarget, skillFolderFor, type AgentTarget, type InstallScope } from './agents';
import { exists, hashFiles } from './folder-files';
import { folderEdited, inspectDestination, type Destination } from './inspect';
import { markedFiles, materialize } from './materialize';
import { allowedInMessage, refuseSecrets, secretsInFiles } from '../library/secret-check';
import { readOwnership } from './ownership';
import { placeSkill, type LinkFn } from './place';
import { deleteInstall, installAt, listInstallRecords, saveInstall, usersOfSource, type InstallMethod, type InstallRecord } from './records';

/** Says whether a skill version is quarantined (by the injection scanner, its outcomes or by hand). */
export type QuarantineCheck = (skill: string, version: string) => boolean | Promise<boolean>;

/** What installing needs from the world; every path is injectable so tests run in temporary folders. */
export interface InstallContext {
  store: StateStore;
  library: SkillLibrary;
  /** The Skillsmith home; versions are materialized under `<home>/installed/`. */
  skillsmithHome: string;
  /** The user's home folder, which holds the user-level skills folders. */
  userHome: string;
  link?: LinkFn;
  isQuarantined?: QuarantineCheck;
  now?: () => Date;
  /**
   * The install scopes this context may move (default: every scope). An editor in an untrusted workspace
   * gives `['user']`: installs recorded in a project are left as they are.
   */
  scopes?: readonly InstallScope[];
}

export interface InstallRequest {
  skill: string;
  /** A commit id (full or short); the library's current version when absent. Given, the install is pinned. */
  version?: string;
  agents: readonly AgentTarget[];
  scope: InstallScope;
  /** The workspace folder for project scope. */
  workspace?: string;
  /** False in an untrusted workspace: project installs are refused. */
  trustedWorkspace: boolean;
  /** Install even when the scanner quarantined the version. */
  forceQuarantined?: boolean;
}

export interface InstallOutcome {
  agent: string;
  scope: InstallScope;
  path: string;
  method: InstallMethod;
  version: string;
  status: 'installed' | 'updated' | 'unchanged';
  note?: string;
}

export interface Failure {
  agent: string;
  path: string;
  error: string;
}

export interface InstallReport {
  skill: string;
  version: string;
  installed: InstallOutcome[];
  failed: Failure[];
}

/** Installs one version of a skill into the chosen agents' skills folders; one agent's failure does not stop the others. */
export async function installSkill(ctx: InstallContext, req: InstallRequest): Promise<InstallReport> {
  const workspace = await checkScope(req.scope, req.workspace, req.trustedWorkspace);
  const snapshot = await ctx.library.files(req.skill, req.version);
  await checkQuarantine(ctx, req.skill, snapshot.version, Boolean(req.forceQuarantined));
  await checkSecrets(ctx, req.skill, snapshot.version, snapshot.files);
  const prepared = await prepare(ctx, req.skill, snapshot.version, snapshot.files);
  const report: InstallReport = { skill: req.skill, version: snapshot.version, installed: [], failed: [] };
  for (const agent of req.agents) {
    const path = skillFolderFor(agent, req.scope, req.skill, { home: ctx.userHome, workspace });
    try {
      report.installed.push(await installOne(ctx, { agent, scope: req.scope, workspace, path, pinned: req.version !== undefined }, prepared));
    } catch (e) {
      report.failed.push({ agent: agent.name, path, error: failureOf(e) });
    }
  }
  await dropUnusedSource(ctx, prepared.source, prepared.hashes);
  await ctx.store.flush();
  return report;
}

export interface UninstallRequest {
  skill: string;
  agents: readonly AgentTarget[];
  scope: InstallScope;
  workspace?: string;
}

export interface UninstallReport {
  skill: string;
  removed: { agent: string; path: string }[];
  /** Agents the skill was not installed into by Skillsmith (or whose install is gone or was replaced: forgotten). */
  notInstalled: { agent: string; path: string }[];
  failed: Failure[];
}

/** Removes what Skillsmith installed, and only that; a copy with edits not yet absorbed stays. */
export async function uninstallSkill(ctx: InstallContext, req: UninstallRequest): Promise<UninstallReport> {
  const workspace = req.scope === 'project' ? resolveWorkspace(req.workspace) : undefined;
  const report: UninstallReport = { skill: req.skill, removed: [], notInstalled: [], failed: [] };
  const places = req.agents.map((agent) => ({ agent, scope: req.scope, workspace, path: skillFolderFor(agent, req.scope, req.skill, { home: ctx.userHome, workspace }) }));
  // records lost with the state come back first, so removing one install cannot drop a folder another still links
  const adopted = new Map<string, InstallRecord | Failure>();
  for (const place of places) {
    if (installAt(ctx.store, place.path)) continue;
    try {
      const record = await adoptOrphan(ctx, place, req.skill);
      if (record) adopted.set(place.path, record);
    } catch (e) {
      adopted.set(place.path, { agent: place.agent.name, path: place.path, error: failureOf(e) });
    }
  }
  for (const { agent, path } of places) {
    try {
      const orphan = adopted.get(path);
      if (orphan && 'error' in orphan) {
        report.failed.push(orphan);
        continue;
      }
      const record = installAt(ctx.store, path);
      if (!record) {
        if (await removeDanglingLink(ctx, path)) report.removed.push({ agent: agent.name, path });
        else if (await exists(path)) throw new SkillsmithError('this skill folder was not installed by Skillsmith; leaving it alone', path);
        else report.notInstalled.push({ agent: agent.name, path });
        continue;
      }
      const done = await removeInstall(ctx, record);
      (done === 'removed' ? report.removed : report.notInstalled).push({ agent: agent.name, path });
    } catch (e) {
      report.failed.push({ agent: agent.name, path, error: failureOf(e) });
    }
  }
  await ctx.store.flush();
  return report;
}

/** A link of ours into `installed/` whose version folder is gone (nothing to lose): removed. */
async function removeDanglingLink(ctx: InstallContext, path: string): Promise<boolean> {
  const dest = await inspectDestination(path, undefined, installedRoot(ctx));
  if (dest.kind !== 'link' || !dest.ours || (await exists(dest.target))) return false;
  await removeDestination(path, dest);
  return true;
}

export type InstallState = 'ok' | 'missing' | 'edited' | 'replaced';

export interface InstallStatus extends InstallRecord {
  state: InstallState;
}

/** Every install with what stands at its path now. */
export async function listInstalls(ctx: Pick<InstallContext, 'store' | 'skillsmithHome'>): Promise<InstallStatus[]> {
  const out: InstallStatus[] = [];
  for (const record of listInstallRecords(ctx.store)) out.push({ ...record, state: await stateOf(ctx, record) });
  return out;
}

export interface RefreshOptions {
  /** The version to move to (default: the library's current version). */
  version?: string;
  /** Installs whose hand edits were just recorded in the library: they move too, pinned or not. */
  absorbed?: ReadonlySet<string>;
}

/**
 * Moves the installs of `skill` that follow the library (not pinned) to its current version, or to
 * `version`: after a hand edit is recorded, or when a canary promotes a candidate.
 */
export async function refreshInstalls(ctx: InstallContext, skill: string, opts: RefreshOptions = {}): Promise<InstallReport> {
  const records = listInstallRecords(ctx.store, skill).filter((r) => (!r.pinned || opts.absorbed?.has(r.path)) && (!ctx.scopes || ctx.scopes.includes(r.scope)));
  if (records.length === 0) return { skill, version: opts.version ?? '', installed: [], failed: [] };
  const snapshot = await ctx.library.files(skill, opts.version);
  await checkSecrets(ctx, skill, snapshot.version, snapshot.files);
  const prepared = await prepare(ctx, skill, snapshot.version, snapshot.files);
  const report: InstallReport = { skill, version: snapshot.version, installed: [], failed: [] };
  for (const record of records) {
    const absorbed = opts.absorbed?.has(record.path) ?? false;
    // a version folder edited through an absorbed link holds nothing unrecorded: it may go with the last user
    const sourceAbsorbed = records.some((r) => r.source === record.source && opts.absorbed?.has(r.path));
    const agent = agentTarget(record.agent);
    try {
      const target = { agent, scope: record.scope, workspace: record.workspace, path: record.path, pinned: record.pinned };
      report.installed.push(await installOne(ctx, target, prepared, absorbed, sourceAbsorbed));
    } catch (e) {
      report.failed.push({ agent: agent.name, path: record.path, error: failureOf(e) });
    }
  }
  await dropUnusedSource(ctx, prepared.source, prepared.hashes);
  await ctx.store.flush();
  return report;
}

/**
 * No secret goes into an agent's folder unless the version allows it (its front matter, or an
 * `Allowed-Secret:` trailer in its commit): a library written before the check, or by hand with git, may
 * still hold one.
 */
async function checkSecrets(ctx: InstallContext, skill: string, version: string, files: FileSet): Promise<void> {
  if (secretsInFiles(files).length === 0) return;
  const commit = (await ctx.library.log(skill)).find((v) => v.id === version);
  refuseSecrets(files, `skill ${skill} at ${version.slice(0, 7)}`, commit ? allowedInMessage(commit.message) : []);
}

/** A version ready to place: its marked files, their hashes and its materialized folder. */
interface Prepared {
  skill: string;
  version: string;
  files: FileSet;
  hashes: Record<string, string>;
  source: string;
}

async function prepare(ctx: InstallContext, skill: string, version: string, files: FileSet): Promise<Prepared> {
  const marked = markedFiles(skill, version, files);
  const source = await materialize(ctx.skillsmithHome, skill, version, marked);
  return { skill, version, files: marked, hashes: hashFiles(marked), source };
}

interface Target {
  agent: AgentTarget;
  scope: InstallScope;
  workspace?: string;
  path: string;
  pinned: boolean;
}

async function installOne(ctx: InstallContext, t: Target, v: Prepared, absorbed = false, sourceAbsorbed = absorbed): Promise<InstallOutcome> {
  // a folder of ours without a record (the state was reset) gets its record back from its ownership file
  const record = installAt(ctx.store, t.path) ?? (await adoptOrphan(ctx, t, v.skill));
  const dest = await inspectDestination(t.path, record, installedRoot(ctx));
  if (dest.kind !== 'absent' && !ours(dest)) {
    throw new SkillsmithError('a skill folder Skillsmith did not install is already here; leaving it alone', t.path, 'remove or rename it to install here');
  }
  const wantLink = t.scope === 'user' && t.agent.followsLinks;
  if (record && dest.kind !== 'absent') {
    if (!absorbed) await assertNoPendingEdits(record, v.source);
    if (record.version === v.version && (record.method === (wantLink ? 'link' : 'copy') || record.note) && (await intact(record))) {
      saveInstall(ctx.store, { ...record, pinned: t.pinned });
      return outcome(t, record, 'unchanged');
    }
  }
  if (dest.kind !== 'absent') await removeDestination(t.path, dest);
  await mkdir(dirname(t.path), { recursive: true });
  const installId = randomUUID();
  const placed = await placeSkill(t.path, v.source, v.files, { kind: 'copy', skill: v.skill, version: v.version, installId }, wantLink, ctx.link);
  const next: InstallRecord = {
    path: t.path,
    skill: v.skill,
    version: v.version,
    pinned: t.pinned,
    agent: t.agent.name,
    scope: t.scope,
    ...(t.workspace ? { workspace: t.workspace } : {}),
    method: placed.method,
    source: v.source,
    installId,
    files: v.hashes,
    ...(placed.note ? { note: placed.note } : {}),
    installedAt: (ctx.now?.() ?? new Date()).toISOString(),
  };
  saveInstall(ctx.store, next);
  if (record && record.source !== v.source) await dropUnusedSource(ctx, record.source, sourceAbsorbed ? undefined : record.files);
  return outcome(t, next, record && record.version !== v.version ? 'updated' : 'installed');
}

/**
 * Removes an install Skillsmith made and forgets it (`removed`); an install that is gone or was replaced by
 * someone else's folder is only forgotten (`forgotten`), the folder left as it is.
 */
export async function removeInstall(ctx: InstallContext, record: InstallRecord): Promise<'removed' | 'forgotten'> {
  const dest = await inspectDestination(record.path, record, installedRoot(ctx));
  const mine = ours(dest);
  if (mine) {
    await assertNoPendingEdits(record);
    await removeDestination(record.path, dest);
  }
  deleteInstall(ctx.store, record.path);
  await dropUnusedSource(ctx, record.source, record.files);
  return mine ? 'removed' : 'forgotten';
}

/**
 * Refuses to replace or remove an install whose hand edits are not in the library yet: a copy that was
 * edited, or a link whose version folder was edited through it. The link refuses even when other installs
 * share that folder: its record is what lets absorb find the edit, and the folder goes once no install uses it.
 */
async function assertNoPendingEdits(record: InstallRecord, nextSource?: string): Promise<void> {
  const hint = 'run `skillsmith absorb` to record the edit as a new version first (it waits for the edits to be quiet)';
  if (record.method === 'copy' && (await exists(record.path)) && (await folderEdited(record.path, record.files))) {
    throw new SkillsmithError('this installed copy has edits that are not in the library yet; kept', record.path, hint);
  }
  if (record.method === 'link' && nextSource !== record.source && (await exists(record.source)) && (await folderEdited(record.source, record.files))) {
    throw new SkillsmithError('this installed version has edits that are not in the library yet; kept', record.source, hint);
  }
}

async function intact(record: InstallRecord): Promise<boolean> {
  if (record.method === 'link') return exists(record.source);
  return !(await folderEdited(record.path, record.files));
}

async function stateOf(ctx: Pick<InstallContext, 'skillsmithHome'>, record: InstallRecord): Promise<InstallState> {
  const dest = await inspectDestination(record.path, record, join(ctx.skillsmithHome, 'installed'));
  if (dest.kind === 'absent') return 'missing';
  if (!ours(dest)) return 'replaced';
  const folder = record.method === 'link' ? record.source : record.path;
  if (!(await exists(folder))) return 'missing';
  return (await folderEdited(folder, record.files)) ? 'edited' : 'ok';
}

async function removeDestination(path: string, dest: Destination): Promise<void> {
  if (dest.kind === 'link') {
    try {
      await unlink(path);
    } catch (e) {
      // Windows removes a directory link with rmdir
      if ((e as NodeJS.ErrnoException).code !== 'EPERM' && (e as NodeJS.ErrnoException).code !== 'EISDIR') throw e;
      await rmdir(path);
    }
  } else {
    await rm(path, { recursive: true, force: true });
  }
}

/**
 * Deletes a materialized version no install uses any more (only one Skillsmith wrote), unless it holds edits
 * not in the library (`written`: the hashes of what was written there; absent once its edits were absorbed):
 * then it stays for the user.
 */
async function dropUnusedSource(ctx: InstallContext, source: string, written: Record<string, string> | undefined): Promise<void> {
  if (usersOfSource(ctx.store, source) > 0 || !(await exists(source))) return;
  const own = await readOwnership(source);
  if (own?.kind !== 'materialized' || (written && (await folderEdited(source, written)))) return;
  await rm(source, { recursive: true, force: true });
}

async function checkScope(scope: InstallScope, workspace: string | undefined, trusted: boolean): Promise<string | undefined> {
  if (scope === 'user') return undefined;
  if (!trusted) {
    throw new SkillsmithError('project-level installs are off in an untrusted workspace', workspace, 'trust the workspace, or install at user scope');
  }
  const dir = resolveWorkspace(workspace);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new SkillsmithError('no such workspace folder', dir, 'pass an existing folder with --workspace');
  return dir;
}

function resolveWorkspace(workspace: string | undefined): string {
  if (!workspace) throw new SkillsmithError('a project install needs a workspace folder', undefined, 'pass --workspace DIR');
  return resolve(workspace);
}

async function checkQuarantine(ctx: InstallContext, skill: string, version: string, force: boolean): Promise<void> {
  if (!ctx.isQuarantined || force) return;
  let quarantined: boolean;
  try {
    quarantined = await ctx.isQuarantined(skill, version);
  } catch (e) {
    throw new SkillsmithError(`could not check whether it is quarantined: ${describeError(e)}`, `skill ${skill}`);
  }
  if (quarantined) {
    throw new SkillsmithError(`version ${version.slice(0, 7)} is quarantined (by the injection scanner, by its outcomes or by hand: see skillsmith trust); not installed`, `skill ${skill}`, 'review it, then pass --force-quarantined to install it anyway');
  }
}

/** One agent's failure as a line; a file-system error (no permission, disk full) is the user's to fix, anything else is a bug. */
function failureOf(e: unknown): string {
  if (e instanceof SkillsmithError) return e.describe();
  if (typeof (e as NodeJS.ErrnoException)?.code === 'string') return describeError(e);
  throw e;
}

function ours(dest: Destination): boolean {
  return (dest.kind === 'link' || dest.kind === 'folder') && dest.ours;
}

function installedRoot(ctx: Pick<InstallContext, 'skillsmithHome'>): string {
  return join(ctx.skillsmithHome, 'installed');
}

function outcome(t: Target, r: InstallRecord, status: InstallOutcome['status']): InstallOutcome {
  return { agent: t.agent.name, scope: t.scope, path: t.path, method: r.method, version: r.version, status, ...(r.note ? { note: r.note } : {}) };
}
