import * as vscode from 'vscode';
import type { InstallScope } from '../../core/skills/install/agents';

/** The install scopes the editor may move: in Restricted Mode, the user's own only (no project folder is written). */
export function editorInstallScopes(): InstallScope[] | undefined {
  return vscode.workspace.isTrusted ? undefined : ['user'];
}
