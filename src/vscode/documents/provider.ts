import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import { currentData, currentLibrary } from '../data/current';
import { skillMdName } from '../model/skill-md';
import { libraryChanged } from '../events';
import { SCHEME } from '../ids';
import { log } from '../log';
import { usageMarkdown } from '../model/usage-text';
import { llmSummary } from '../llm/summary';
import { docPath, parseDocPath, type DocTarget } from './paths';

/** The URI of a read-only Skillsmith document. */
export function docUri(target: DocTarget): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: docPath(target) });
}

/** The URI of a skill's SKILL.md at a version (or on its candidate branch). */
export async function skillFileUri(kind: 'version' | 'candidate', skill: string, version: string): Promise<vscode.Uri> {
  const snapshot = await (await currentLibrary()).show(skill, version);
  return docUri({ kind, skill, version: snapshot.version, file: skillMdName(snapshot) });
}

/**
 * Serves `skillsmith:` documents: any file of any version of any skill, candidates, stored sessions and the
 * token usage report. Versions never change (a path names a commit), so only sessions and usage are
 * refreshed when the library or state changes.
 */
export class SkillDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Turn → line of each open session document, for revealing an atom. */
  private readonly turnLines = new Map<string, number[]>();

  constructor() {
    this.subscription = libraryChanged.event(() => {
      for (const doc of vscode.workspace.textDocuments) {
        const t = doc.uri.scheme === SCHEME ? parseDocPath(doc.uri.path) : undefined;
        if (t?.kind === 'session' || t?.kind === 'usage') this.changed.fire(doc.uri);
      }
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = parseDocPath(uri.path);
    if (!target) return `Skillsmith has no document at ${uri.toString()}.`;
    try {
      return await this.content(target, uri);
    } catch (e) {
      log().warn(`document ${uri.toString()}: ${describeError(e)}`);
      return `This document cannot be shown: ${describeError(e)}`;
    }
  }

  /** Asks VS Code to read a document again (one that is already open keeps its old text otherwise). */
  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  /** The line where turn `turn` of an open session document starts. */
  lineOfTurn(uri: vscode.Uri, turn: number): number {
    const lines = this.turnLines.get(uri.path) ?? [];
    return lines[Math.min(turn, lines.length - 1)] ?? 0;
  }

  private async content(target: DocTarget, uri: vscode.Uri): Promise<string> {
    const data = await currentData();
    switch (target.kind) {
      case 'version':
      case 'candidate': {
        const snapshot = await (await data.library()).show(target.skill, target.version);
        const text = snapshot.files[target.file];
        if (text === undefined) throw new Error(`skill "${target.skill}" has no file ${target.file} at ${target.version.slice(0, 7)}`);
        return text;
      }
      case 'empty':
        return '';
      case 'session': {
        const { text, turnLines } = await data.sessionText(target.key);
        this.turnLines.set(uri.path, turnLines);
        return text;
      }
      case 'usage': {
        const today = new Date().toISOString().slice(0, 10);
        return usageMarkdown((await data.tokenUsage(today)).rows, today, llmSummary());
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
