import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import { SkillsmithError } from '../../core/errors';
import { currentHome, setting, updateSetting } from '../settings';

/** "Add Transcript Folder…": a folder of sessions to read besides the agents' own stores. Returns the list after. */
export async function addTranscriptFolder(arg?: vscode.Uri | string): Promise<string[] | undefined> {
  let folder = arg instanceof vscode.Uri ? arg.fsPath : typeof arg === 'string' ? arg : undefined;
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Read sessions from this folder', title: 'Add a transcript folder' });
    folder = picked?.[0]?.fsPath;
  }
  if (!folder) return undefined;
  folder = resolve(folder);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new SkillsmithError('is not a folder', folder);
  const folders = setting('transcriptFolders');
  if (folders.includes(folder)) {
    void vscode.window.showInformationMessage(`Skillsmith already reads sessions from ${folder}.`);
    return folders;
  }
  const next = [...folders, folder];
  await updateSetting('transcriptFolders', next);
  void vscode.window.showInformationMessage(`Skillsmith will read sessions from ${folder}.`, 'Ingest Now').then((run) => run && vscode.commands.executeCommand('skillsmith.ingestNow'));
  return next;
}

export interface SourceSummary {
  label: string;
  path: string;
  exists: boolean;
  sessions: number;
  pending: number;
  failed: number;
  /** Folders under it that could not be searched (unreadable, too deep), as `folder: reason`. */
  problems: string[];
}

/** "Show Sources": where each agent's sessions are, and how many were read. */
export async function showSources(): Promise<SourceSummary[]> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const workspace = folder?.scheme === 'file' ? folder.fsPath : undefined;
  // loaded here, not at activation: the readers behind them are heavy
  const [{ discoverSources }, { surveyLocations }, { readState }] = await Promise.all([import('../../core/transcripts/discovery/index.js'), import('../../core/ingest/survey.js'), import('../data/state.js')]);
  const locations = discoverSources({ workspace, extraFolders: setting('transcriptFolders') });
  const allWorkspaces = setting('allWorkspaces') || !workspace;
  const surveys = (await readState(currentHome().state, (store) => surveyLocations(store, locations, { workspace, allWorkspaces }), { evenIfMissing: true }))!;
  const sources = surveys.map((s) => ({ label: s.location.label, path: s.location.path, exists: s.location.exists, sessions: s.sessions, pending: s.pending, failed: s.failed, problems: s.problems.map((p) => `${p.file}: ${p.reason}`) }));
  const items: vscode.QuickPickItem[] = sources.map((s) => ({
    label: `${s.exists ? '$(folder-active)' : '$(circle-slash)'} ${s.label}`,
    description: s.exists ? counts(s) : 'not on this machine',
    detail: s.problems.length > 0 ? `${s.path} — ${s.problems[0]}` : s.path,
  }));
  const pick = vscode.window.createQuickPick();
  pick.title = allWorkspaces ? 'Agent sessions (every workspace)' : `Agent sessions of ${workspace}`;
  pick.placeholder = `${sources.filter((s) => s.exists).length} of ${sources.length} places exist; add more with "Skillsmith: Add Transcript Folder…"`;
  pick.items = items;
  pick.matchOnDetail = true;
  pick.onDidAccept(() => pick.hide());
  pick.onDidHide(() => pick.dispose());
  pick.show();
  return sources;
}

function counts(s: SourceSummary): string {
  const parts = [`${s.sessions} session${s.sessions === 1 ? '' : 's'} read`];
  if (s.pending) parts.push(`${s.pending} file${s.pending === 1 ? '' : 's'} not read yet`);
  if (s.failed) parts.push(`${s.failed} unreadable`);
  if (s.problems.length) parts.push(`${s.problems.length} folder${s.problems.length === 1 ? '' : 's'} not searched`);
  return parts.join(', ');
}
