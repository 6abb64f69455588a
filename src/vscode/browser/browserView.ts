import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import { isViewMessage, type HostMessage } from '../../../webview/protocol';
import { listLibrarySkills } from '../library';
import { log } from '../log';
import { affects } from '../settings';
import { browserHtml, browserResourceRoots } from './html';

/** The Skillsmith sidebar: a webview that shows the library's skills. */
export class BrowserViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  /** Counts refreshes, so a slow listing never overwrites the answer of a later one. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'home')) void this.refresh();
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: browserResourceRoots(this.extensionUri) };
    view.webview.html = browserHtml(view.webview, this.extensionUri);
    view.webview.onDidReceiveMessage((message: unknown) => {
      if (isViewMessage(message)) void this.refresh();
      else log().warn(`sidebar: ignored a message of unknown shape: ${JSON.stringify(message)?.slice(0, 200)}`);
    });
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
  }

  /** Sends the current skill list to the page, if it is open. */
  async refresh(): Promise<void> {
    const view = this.view;
    if (!view) return;
    const generation = ++this.generation;
    const message = await this.skillsMessage();
    if (generation === this.generation && this.view === view) await view.webview.postMessage(message);
  }

  private async skillsMessage(): Promise<HostMessage> {
    try {
      const { library, skills } = await listLibrarySkills();
      return {
        type: 'skills',
        library,
        skills: skills.map(({ name, description, version }) => ({ name, description, version })),
      };
    } catch (e) {
      log().error(`sidebar: cannot list skills: ${describeError(e)}`);
      return { type: 'error', message: `Cannot list skills: ${describeError(e)}` };
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
