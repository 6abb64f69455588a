import * as vscode from 'vscode';
import type { DistillProgress, DistillRequest, DistillResult } from '../../core/distill/distill';
import { describeError } from '../../core/errors';
import { formatProblem } from '../../core/transcripts/adapter';
import { runInWorker } from '../../worker/client';
import { distillJob, describeJob } from '../../worker/protocol';
import type { ChatHandler } from '../../worker/remote-chat';
import { selectChatModel, VsCodeLmTransport } from '../llm/vscode-lm-transport';
import { currentHome, distillRules, setting } from '../settings';
import { llmConfigFromSettings } from '../llm/config';
import { asStateWriter } from '../data/state-writer';
import { libraryChanged } from '../events';
import { CONTEXT } from '../ids';
import { log } from '../log';
import type { InstallScope } from '../../core/skills/install/agents';
import type { JobView } from '../../../webview/protocol';
import { progressText, resultSummary } from './messages';
import { editorInstallScopes } from '../data/install-scopes';

export type JobKind = JobView['kind'];

export interface JobOutcome {
  kind: JobKind;
  result?: DistillResult;
  /** Set when the job failed or was cancelled; what it finished stays stored. */
  error?: string;
  cancelled: boolean;
}

/**
 * Runs the pipeline jobs in the worker, one at a time, with a cancellable progress notification. The
 * extension host opens neither the state store nor the library while a job runs (views read the state
 * read-only), because the worker is their single writer.
 */
export class JobRunner implements vscode.Disposable {
  private running: { view: JobView; controller: AbortController } | undefined;
  private readonly changed = new vscode.EventEmitter<JobView | null>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly secrets: vscode.SecretStorage) {}

  get current(): JobView | null {
    return this.running?.view ?? null;
  }

  cancel(): boolean {
    this.running?.controller.abort();
    return Boolean(this.running);
  }

  async run(kind: JobKind): Promise<JobOutcome | undefined> {
    if (this.running) {
      void vscode.window.showInformationMessage(`Skillsmith is already running: ${this.running.view.text}. Wait for it, or cancel it.`);
      return undefined;
    }
    let request: DistillRequest;
    try {
      request = await this.request(kind);
    } catch (e) {
      void vscode.window.showErrorMessage(`Skillsmith: ${describeError(e)}`);
      return { kind, error: describeError(e), cancelled: false };
    }
    let chat: ChatHandler | undefined;
    if (request.llm?.provider === 'vscode-lm') {
      try {
        // the worker cannot reach vscode.lm: its calls come back here, to the model chosen now
        const transport = new VsCodeLmTransport(await selectChatModel(request.llm.model));
        chat = (call, signal) => transport.chat({ ...call, signal });
      } catch (e) {
        void vscode.window.showErrorMessage(`Skillsmith: ${describeError(e)}`);
        return { kind, error: describeError(e), cancelled: false };
      }
    }
    const controller = new AbortController();
    this.set({ view: { kind, text: kind === 'distill' ? 'distilling' : 'ingesting' }, controller });
    // the worker takes the state's single-writer lock: a host-side writer still at work finishes first
    await asStateWriter(async () => undefined);
    const job = distillJob(request);
    log().info(`${kind}: started: ${describeJob(job)}`);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: kind === 'distill' ? 'Skillsmith: distilling sessions' : 'Skillsmith: ingesting sessions', cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          let last = 0;
          const onProgress = (p: DistillProgress) => {
            const text = progressText(p);
            this.set({ view: { kind, text }, controller });
            const fraction = p.progress.total > 0 ? (100 * p.progress.done) / p.progress.total : 0;
            progress.report({ message: text, increment: Math.max(0, fraction - last) });
            last = fraction;
          };
          const result = await runInWorker(vscode.Uri.joinPath(this.extensionUri, 'dist', 'worker.js').fsPath, job, { onProgress, signal: controller.signal, chat });
          this.report(kind, result);
          return { kind, result, cancelled: result.ingest.cancelled };
        },
      );
    } catch (e) {
      const cancelled = controller.signal.aborted;
      const message = describeError(e);
      log()[cancelled ? 'info' : 'error'](`${kind}: ${cancelled ? 'cancelled' : 'failed'}: ${message}`);
      if (cancelled) void vscode.window.showInformationMessage(`Skillsmith: ${kind} cancelled. What it finished is kept; run it again to continue.`);
      else void vscode.window.showErrorMessage(`Skillsmith: ${kind} failed: ${message}`, 'Show Log').then((a) => a && log().show());
      return { kind, error: message, cancelled };
    } finally {
      this.set(undefined);
      libraryChanged.fire();
    }
  }

  private async request(kind: JobKind): Promise<DistillRequest> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const workspace = folder?.scheme === 'file' ? folder.fsPath : '';
    return {
      home: currentHome(),
      paths: [],
      workspace,
      // with no folder open there is no workspace to narrow to
      allWorkspaces: setting('allWorkspaces') || workspace === '',
      extraFolders: setting('transcriptFolders'),
      // a repository's own session files (.specstory/history) only from a trusted workspace
      workspaceSessions: vscode.workspace.isTrusted,
      ...(kind === 'distill' ? { llm: await llmConfigFromSettings(this.secrets), rules: distillRules(), ...scopesOfThisWindow() } : { ingestOnly: true }),
    };
  }

  private report(kind: JobKind, result: DistillResult): void {
    for (const n of result.notices) log().warn(`${kind}: ${n}`);
    for (const p of result.ingest.problems) log().warn(`${kind}: ${formatProblem(p)}`);
    for (const p of result.pipeline.problems) log().warn(`${kind}: ${p}`);
    const summary = resultSummary(kind, result);
    log().info(`${kind}: ${summary}`);
    void vscode.window.showInformationMessage(`Skillsmith: ${summary}`);
  }

  private set(running: JobRunner['running']): void {
    this.running = running;
    void vscode.commands.executeCommand('setContext', CONTEXT.running, Boolean(running));
    this.changed.fire(running?.view ?? null);
  }

  dispose(): void {
    this.running?.controller.abort();
    this.changed.dispose();
  }
}

/** In Restricted Mode the job's evolution step moves user installs only. */
function scopesOfThisWindow(): { installScopes?: InstallScope[] } {
  const scopes = editorInstallScopes();
  return scopes ? { installScopes: scopes } : {};
}
