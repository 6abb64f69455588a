import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import { parseViewMessage, SkillName, type HostMessage, type SkillDetail } from '../../../webview/protocol';
import { runAction } from '../actions';
import { currentData } from '../data/current';
import { libraryChanged } from '../events';
import { VIEW } from '../ids';
import { log } from '../log';
import { webviewHtml, webviewRoots } from '../webview-html';

interface Shown {
  skill: string;
  /** Show the candidate rather than the library's version, when there is one. */
  candidate: boolean;
}

/**
 * The skill detail editors, one per skill. Each shows what `SkillData.detail` returns and refreshes when the
 * library changes; a panel restored after a reload asks the host again (its saved state only names the skill).
 */
export class DetailPanels implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly panels = new Map<string, { panel: vscode.WebviewPanel; shown: Shown; last?: SkillDetail }>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly extensionUri: vscode.Uri) {
    this.subscriptions.push(
      libraryChanged.event(() => {
        for (const skill of this.panels.keys()) this.update(skill).catch((e: unknown) => log().error(`skill detail of ${skill}: ${describeError(e)}`));
      }),
      vscode.window.registerWebviewPanelSerializer(VIEW.detail, this),
    );
  }

  /** Opens (or reveals) the detail of `skill` and resolves once the page has been sent its content. */
  async show(skill: string, candidate = false): Promise<SkillDetail | undefined> {
    const open = this.panels.get(skill);
    if (open) {
      open.shown = { skill, candidate };
      open.panel.reveal(undefined, false);
      return this.update(skill);
    }
    const panel = vscode.window.createWebviewPanel(VIEW.detail, skill, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri) });
    return this.attach(panel, { skill, candidate });
  }

  /** The detail last sent for `skill`, if its panel is open. */
  shownDetail(skill: string): SkillDetail | undefined {
    return this.panels.get(skill)?.last;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const s = saved as { skill?: unknown; candidate?: unknown } | undefined;
    const name = SkillName.safeParse(s?.skill);
    if (!name.success) {
      panel.dispose();
      return;
    }
    panel.webview.options = { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri) };
    await this.attach(panel, { skill: name.data, candidate: s?.candidate === true });
  }

  /** Sets the panel up and sends it the skill; the page asks again (`ready`) whenever it (re)loads. */
  private attach(panel: vscode.WebviewPanel, shown: Shown): Promise<SkillDetail | undefined> {
    this.panels.set(shown.skill, { panel, shown });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'skillsmith.svg');
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, { script: 'detail.js', styles: ['media/common.css', 'media/editor-page.css', 'dist/detail.css', 'media/detail.css'], title: shown.skill });
    panel.onDidDispose(() => this.forget(shown.skill, panel));
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseViewMessage(raw);
      if (!message) {
        log().warn(`skill detail: ignored a message that does not fit the protocol: ${JSON.stringify(raw)?.slice(0, 200)}`);
        return;
      }
      if (message.type === 'ready') this.update(shown.skill).catch((e: unknown) => log().error(`skill detail of ${shown.skill}: ${describeError(e)}`));
      else if (message.type === 'action') {
        runAction(message.action, message.target).catch((e: unknown) => void vscode.window.showErrorMessage(`Skillsmith: ${describeError(e)}`));
      }
    });
    return this.update(shown.skill);
  }

  /** Resolves once no panel is being sent its detail (tests wait on it rather than on time). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Sends the panel of `skill` its detail again; a panel closed meanwhile is forgotten, not an error. */
  private update(skill: string): Promise<SkillDetail | undefined> {
    const running = this.send(skill);
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running)).catch(() => undefined);
    return running;
  }

  private async send(skill: string): Promise<SkillDetail | undefined> {
    const open = this.panels.get(skill);
    if (!open) return undefined;
    let message: HostMessage;
    let detail: SkillDetail | undefined;
    try {
      detail = await (await currentData()).detail(skill, open.shown.candidate ? 'candidate' : 'library');
      message = { type: 'detail', detail };
    } catch (e) {
      message = { type: 'error', message: `Cannot show "${skill}": ${describeError(e)}` };
    }
    try {
      if (this.panels.get(skill) !== open) return undefined; // closed (or replaced) while the detail was read
      if (detail) open.panel.title = detail.shown.kind === 'candidate' ? `${skill} (candidate)` : skill;
      await open.panel.webview.postMessage(message);
    } catch (e) {
      if (!isDisposedError(e)) throw e;
      this.forget(skill, open.panel);
      return undefined;
    }
    open.last = detail;
    return detail;
  }

  private forget(skill: string, panel: vscode.WebviewPanel): void {
    if (this.panels.get(skill)?.panel === panel) this.panels.delete(skill);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const { panel } of this.panels.values()) panel.dispose();
  }
}

/** VS Code's error for a webview used after its panel closed (the message is all it offers to tell it apart). */
function isDisposedError(e: unknown): boolean {
  return e instanceof Error && /webview is disposed/i.test(e.message);
}
