import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import { parseViewMessage, showableTree, type GroupId, type HostMessage, type TreeModel, type ViewMessage } from '../../../webview/protocol';
import { runAction, runViewCommand } from '../actions';
import { currentData } from '../data/current';
import { libraryChanged } from '../events';
import { log } from '../log';
import type { JobRunner } from '../pipeline/jobs';
import { affects } from '../settings';
import { webviewHtml, webviewRoots } from '../webview-html';
import { BrowserStateStore } from './state';

/** The Skillsmith sidebar: a webview with the skill tree, fed and driven through webview/protocol.ts. */
export class BrowserViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  /** Counts refreshes, so a slow listing never overwrites the answer of a later one. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly state: BrowserStateStore;
  /** The last model sent: what the view shows now (tests read it). */
  lastModel: TreeModel | undefined;
  private readonly refreshed = new vscode.EventEmitter<TreeModel>();
  /** Fires after the view received a new tree. */
  readonly onDidRefresh = this.refreshed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    memento: vscode.Memento,
    private readonly jobs: JobRunner,
  ) {
    this.state = new BrowserStateStore(memento);
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'home')) libraryChanged.fire();
      }),
      libraryChanged.event(() => void this.refresh()),
      jobs.onDidChange((job) => void this.post({ type: 'job', job })),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri) };
    view.webview.html = webviewHtml(view.webview, this.extensionUri, { script: 'webview.js', styles: ['media/common.css', 'media/browser.css'], title: 'Skillsmith' });
    view.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseViewMessage(raw);
      if (message) void this.receive(message);
      else log().warn(`sidebar: ignored a message that does not fit the protocol: ${JSON.stringify(raw)?.slice(0, 200)}`);
    });
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
  }

  private async receive(message: ViewMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          await this.post({ type: 'job', job: this.jobs.current });
          await this.refresh();
          return;
        case 'state':
          await this.state.set(message.state);
          return;
        case 'children':
          await this.sendChildren(message.key, message.skill, message.group);
          return;
        case 'action':
          await runAction(message.action, message.target);
          return;
        case 'command':
          await runViewCommand(message.command);
          return;
      }
    } catch (e) {
      log().error(`sidebar: ${message.type}: ${describeError(e)}`);
      void vscode.window.showErrorMessage(`Skillsmith: ${describeError(e)}`);
    }
  }

  private async sendChildren(key: string, skill: string, group: GroupId): Promise<void> {
    try {
      const { versions, sessions } = await (await currentData()).children(skill, group);
      await this.post({ type: 'children', key, versions, sessions });
    } catch (e) {
      await this.post({ type: 'childrenFailed', key, message: describeError(e) });
    }
  }

  /** Sends the current tree and view state to the page, if it is open. */
  async refresh(): Promise<void> {
    const view = this.view;
    if (!view) return;
    const generation = ++this.generation;
    let message: HostMessage;
    const started = Date.now();
    try {
      // an entry the page would refuse is left out (and said) rather than losing the whole tree
      const { model, dropped } = showableTree(await (await currentData()).tree());
      if (dropped.length > 0) log().warn(`sidebar: left out ${dropped.length} skill${dropped.length === 1 ? '' : 's'} that do not fit the view protocol: ${dropped.join(', ')}`);
      message = { type: 'tree', model, state: this.state.get() };
      log().debug(`sidebar: ${model.groups.reduce((n, g) => n + g.skills.length, 0)} skills listed in ${Date.now() - started} ms`);
    } catch (e) {
      log().error(`sidebar: cannot list skills: ${describeError(e)}`);
      message = { type: 'error', message: `Cannot list skills: ${describeError(e)}` };
    }
    if (generation !== this.generation || this.view !== view) return;
    await view.webview.postMessage(message);
    if (message.type === 'tree') {
      this.lastModel = message.model;
      this.refreshed.fire(message.model);
    }
  }

  private async post(message: HostMessage): Promise<void> {
    await this.view?.webview.postMessage(message);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.refreshed.dispose();
  }
}
