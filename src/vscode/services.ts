import type * as vscode from 'vscode';
import type { BrowserViewProvider } from './browser/browserView';
import type { DetailPanels } from './detail/detailPanels';
import type { EvaluationPanel } from './evaluation/panel';
import type { SkillDocumentProvider } from './documents/provider';
import type { JobRunner } from './pipeline/jobs';
import type { StatusBar } from './pipeline/status-bar';
import type { EditCopies } from './review/edit-copies';
import type { HandEditWatcher } from './hand-edits/watcher';

/** The extension's parts, made once in activate() and handed to the commands. */
export interface Services {
  context: vscode.ExtensionContext;
  jobs: JobRunner;
  status: StatusBar;
  browser: BrowserViewProvider;
  detail: DetailPanels;
  evaluation: EvaluationPanel;
  documents: SkillDocumentProvider;
  editCopies: EditCopies;
  handEdits: HandEditWatcher;
}
