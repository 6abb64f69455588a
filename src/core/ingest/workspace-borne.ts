import { isWithin, type SessionUnit } from '../transcripts/discovery';

/**
 * Sessions kept in the workspace's own files (a repository's `.specstory/history/*.md`, or a folder added to
 * discovery that lies inside the workspace) came with the repository, not from the user's agents: a cloned
 * repository can plant them. They are read only when the caller says the workspace is trusted (VS Code's
 * workspace trust; the CLI's --trust-workspace), and they are marked `origin: 'repository'`.
 *
 * An agent's own store is the user's even when the workspace folder holds it (the home folder opened as a
 * workspace), and a path the user names is the user's choice.
 */
export function isWorkspaceBorne(unit: Pick<SessionUnit, 'path' | 'location'>, workspace: string | undefined): boolean {
  const location = unit.location;
  if (!location) return false;
  if (location.link === 'inside') return true;
  return location.agent === undefined && workspace !== undefined && isWithin(unit.path, workspace);
}
