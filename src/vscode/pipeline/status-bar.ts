import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import { currentData } from '../data/current';
import { libraryChanged } from '../events';
import { COMMAND } from '../ids';
import { llmSummary } from '../llm/summary';
import { log } from '../log';
import { shortCount } from '../model/usage-text';
import { affects, setting } from '../settings';
import type { JobRunner } from './jobs';

/** The status bar item: what runs now, else the tokens spent today (read from the ledger, read-only). */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('skillsmith.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[] = [];
  private todayTokens: number | undefined;

  constructor(private readonly jobs: JobRunner) {
    this.item.name = 'Skillsmith';
    this.subscriptions.push(
      jobs.onDidChange(() => this.render()),
      libraryChanged.event(() => void this.loadTokens()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'statusBar.enabled', 'llm.provider', 'llm.model', 'home')) void this.loadTokens();
      }),
    );
    this.render();
    // the ledger read waits until startup is over: activation does nothing heavy
    const timer = setTimeout(() => void this.loadTokens(), 3000);
    this.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }

  /** The text shown now, for tests and logs. */
  get text(): string {
    return this.item.text;
  }

  async loadTokens(): Promise<void> {
    try {
      const today = new Date().toISOString().slice(0, 10);
      const t = (await (await currentData()).tokenUsage(today)).today;
      this.todayTokens = t.inputTokens + t.outputTokens;
    } catch (e) {
      log().warn(`status bar: cannot read today's tokens: ${describeError(e)}`);
      this.todayTokens = undefined;
    }
    this.render();
  }

  private render(): void {
    if (!setting('statusBar.enabled')) {
      this.item.hide();
      return;
    }
    const job = this.jobs.current;
    if (job) {
      this.item.text = `$(sync~spin) Skillsmith: ${job.text}`;
      this.item.tooltip = 'Skillsmith is working in the background. Click to cancel; what it finished is kept.';
      this.item.command = COMMAND.cancelRun;
    } else {
      const tokens = this.todayTokens === undefined ? '' : `: ${shortCount(this.todayTokens)} tokens today`;
      this.item.text = `$(sparkle) Skillsmith${tokens}`;
      this.item.tooltip = `Model: ${llmSummary()}. Click for the token usage report.`;
      this.item.command = COMMAND.showTokenUsage;
    }
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
