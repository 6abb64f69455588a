import * as vscode from 'vscode';
import { currentLibrary } from '../data/current';
import { SCHEME } from '../ids';
import { parseDocPath } from '../documents/paths';

/** What a command may be given: a `skillsmith:` URI (editor title menus), `{ skill, version }` (views, tests) or a name. */
export type CommandArg = vscode.Uri | { skill?: unknown; version?: unknown; reason?: unknown } | string | undefined;

export interface Target {
  skill?: string;
  version?: string;
  reason?: string;
}

export function targetOf(arg: CommandArg): Target {
  if (arg instanceof vscode.Uri) return targetOfUri(arg);
  if (typeof arg === 'string') return { skill: arg };
  if (arg && typeof arg === 'object') {
    return {
      ...(typeof arg.skill === 'string' ? { skill: arg.skill } : {}),
      ...(typeof arg.version === 'string' ? { version: arg.version } : {}),
      ...(typeof arg.reason === 'string' ? { reason: arg.reason } : {}),
    };
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  return active ? targetOfUri(active) : {};
}

function targetOfUri(uri: vscode.Uri): Target {
  if (uri.scheme !== SCHEME) return {};
  const t = parseDocPath(uri.path);
  if (!t || t.kind === 'session' || t.kind === 'usage') return {};
  return t.kind === 'empty' ? { skill: t.skill } : { skill: t.skill, version: t.version };
}

/** Asks which skill, among the library's skills or its candidates. */
export async function pickSkill(placeHolder: string, from: 'library' | 'candidates' | 'any'): Promise<string | undefined> {
  const library = await currentLibrary();
  const items: vscode.QuickPickItem[] = [];
  if (from !== 'library') {
    for (const c of await library.listCandidates()) {
      items.push({ label: c.name, description: c.baseVersion ? `candidate ${c.version.shortId}` : `new skill (draft) ${c.version.shortId}`, detail: c.reason.split('\n', 1)[0] });
    }
  }
  if (from !== 'candidates') {
    const seen = new Set(items.map((i) => i.label));
    for (const s of await library.list()) if (!seen.has(s.name)) items.push({ label: s.name, description: s.version.slice(0, 7), detail: s.description || undefined });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(from === 'candidates' ? 'Skillsmith: no candidates await review.' : 'Skillsmith: the library has no skills yet. Run "Skillsmith: Distill Now" first.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.label;
}

/** Asks which version of a skill, newest first. */
export async function pickVersion(skill: string, placeHolder: string, exclude?: string): Promise<string | undefined> {
  const versions = await (await currentLibrary()).log(skill);
  const items = versions
    .filter((v) => v.id !== exclude)
    .map((v, i) => ({ label: v.shortId, description: `${v.date.slice(0, 16).replace('T', ' ')}${i === 0 ? ' · current' : ''}`, detail: v.message.split('\n', 1)[0], id: v.id }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`Skillsmith: "${skill}" has no other version.`);
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.id;
}
