import { basename } from 'node:path';

/**
 * Where a skill applies. A skill distilled from one project's sessions names that project's commands and
 * files; offered in another project it is noise. Skills carry their project in metadata, and matching
 * leaves out skills of other projects.
 */
export const SCOPE_KEYS = {
  /** The project a skill was distilled for (see projectOf). */
  project: 'skillsmith-project',
  /** `project`: the "working in <project>" skill, offered for every request in that project. */
  kind: 'skillsmith-kind',
} as const;

/** Folders under a repository that hold its other checkouts: they are the same project. */
const WORKTREE = /[\\/](?:\.worktrees|\.claude[\\/]worktrees|worktrees)[\\/].*$/;

/**
 * The project a workspace belongs to: the name of its folder, with worktree checkouts folded into the
 * repository they belong to. Teammates clone a repository into different places (`src/app` for one,
 * `code/app` for another); the folder's name is what they share. Undefined when the workspace is unknown.
 */
export function projectOf(workspace: string | undefined): string | undefined {
  if (!workspace) return undefined;
  const root = workspace.replace(WORKTREE, '').replace(/[\\/]+$/, '');
  const name = basename(root.replace(/\\/g, '/'));
  return name || undefined;
}

/** Projects named by a group of workspaces, where one is inside another (a subfolder) it counts as the outer one. */
export function projectsOf(workspaces: readonly (string | undefined)[]): Map<string, string | undefined> {
  const known = [...new Set(workspaces.filter((w): w is string => Boolean(w)).map((w) => w.replace(WORKTREE, '').replace(/[\\/]+$/, '')))].sort(
    (a, b) => a.length - b.length,
  );
  const out = new Map<string, string | undefined>();
  for (const w of workspaces) {
    if (!w) continue;
    const root = w.replace(WORKTREE, '').replace(/[\\/]+$/, '');
    const outer = known.find((k) => root === k || root.startsWith(`${k}/`) || root.startsWith(`${k}\\`));
    out.set(w, projectOf(outer ?? root));
  }
  return out;
}

/** A skill's project from its metadata, if it is scoped to one. */
export function skillProject(metadata: unknown): string | undefined {
  if (!metadata || typeof metadata !== 'object') return undefined;
  const v = (metadata as Record<string, unknown>)[SCOPE_KEYS.project];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** True when the skill is the project's own "working in" skill. */
export function isProjectSkill(metadata: unknown): boolean {
  if (!metadata || typeof metadata !== 'object') return false;
  return (metadata as Record<string, unknown>)[SCOPE_KEYS.kind] === 'project';
}
