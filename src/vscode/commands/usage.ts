import * as vscode from 'vscode';
import { docUri } from '../documents/provider';
import { libraryChanged } from '../events';
import { log } from '../log';
import type { Services } from '../services';

/** "Show Token Usage": the token ledger as a read-only report (read again now, and after each run). */
export async function showTokenUsage(s: Services): Promise<vscode.Uri> {
  const uri = docUri({ kind: 'usage' });
  s.documents.refresh(uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: true });
  return uri;
}

export function showLog(): void {
  log().show(true);
}

export function refresh(): void {
  libraryChanged.fire();
}
