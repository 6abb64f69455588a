/** What the user is told about a recorded hand edit (kept apart from the watcher so it is tested in plain Node). */
export interface RecordedEdit {
  skill: string;
  version: string;
  baseVersion: string | null;
  path: string;
  where: 'install' | 'library';
  /** A canary of the skill was running and stopped: the user's version overrides the experiment. */
  canaryStopped: boolean;
}

export function recordedMessage(e: RecordedEdit): string {
  const from = e.where === 'install' ? 'installed copy' : 'library folder';
  const canary = e.canaryStopped ? ' The canary running for it stopped.' : '';
  return `Skillsmith: your edit of "${e.skill}" (in its ${from}) is now its current version, ${e.version.slice(0, 7)}.${canary}`;
}

export function recordedLogLine(e: RecordedEdit): string {
  const base = e.baseVersion ? ` edited from ${e.baseVersion.slice(0, 7)}` : '';
  return `hand edit: recorded ${e.skill} ${e.version.slice(0, 7)}${base} in ${e.path}${e.canaryStopped ? '; its canary stopped' : ''}`;
}
