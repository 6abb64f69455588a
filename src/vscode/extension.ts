import * as vscode from 'vscode';
import { BrowserViewProvider } from './browser/browserView';
import { registerCommands } from './commands';
import { DetailPanels } from './detail/detailPanels';
import { EvaluationPanel } from './evaluation/panel';
import { SkillDocumentProvider } from './documents/provider';
import { SCHEME, VIEW } from './ids';
import { disposeLog, log } from './log';
import { JobRunner } from './pipeline/jobs';
import { StatusBar } from './pipeline/status-bar';
import { EditCopies } from './review/edit-copies';
import { HandEditWatcher } from './hand-edits/watcher';
import type { Services } from './services';

/** What tests reach through `extension.exports`: the live parts, to check what the views were sent. */
export type SkillsmithApi = Pick<Services, 'browser' | 'detail' | 'evaluation' | 'jobs' | 'status' | 'editCopies' | 'handEdits'>;

/**
 * Activation wires things up and reads nothing: the library is opened when a view or command first needs
 * it, and the status bar reads today's tokens a few seconds later.
 */
export function activate(context: vscode.ExtensionContext): SkillsmithApi {
  const started = Date.now();
  const jobs = new JobRunner(context.extensionUri, context.secrets);
  const documents = new SkillDocumentProvider();
  const services: Services = {
    context,
    jobs,
    documents,
    status: new StatusBar(jobs),
    browser: new BrowserViewProvider(context.extensionUri, context.workspaceState, jobs),
    detail: new DetailPanels(context.extensionUri),
    evaluation: new EvaluationPanel(context.extensionUri),
    editCopies: new EditCopies(context.globalStorageUri),
    handEdits: new HandEditWatcher(jobs),
  };
  registerCommands(services);
  context.subscriptions.push(
    jobs,
    documents,
    services.status,
    services.browser,
    services.detail,
    services.evaluation,
    services.editCopies,
    services.handEdits,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, documents),
    // kept alive while hidden: switching side bars must not rebuild a tree of thousands of skills (its state
    // is also in the workspace memento, so a reload restores it)
    vscode.window.registerWebviewViewProvider(VIEW.browser, services.browser, { webviewOptions: { retainContextWhenHidden: true } }),
  );
  log().info(`activated in ${Date.now() - started} ms (VS Code ${vscode.version}, ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'} workspace)`);
  return { browser: services.browser, detail: services.detail, evaluation: services.evaluation, jobs, status: services.status, editCopies: services.editCopies, handEdits: services.handEdits };
}

export function deactivate(): void {
  disposeLog();
}
