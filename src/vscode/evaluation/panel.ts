import * as vscode from 'vscode';
import type { EvalReport } from '../../core/eval/run';
import { describeError } from '../../core/errors';
import { parseViewMessage, type EvaluationView, type HostMessage } from '../../../webview/protocol';
import { VIEW } from '../ids';
import { log } from '../log';
import { webviewHtml, webviewRoots } from '../webview-html';

/** The report as the page shows it: the summary, not the per-request rows (the CLI's `--json` has those). */
export function evaluationView(r: EvalReport): EvaluationView {
  return {
    engine: r.engine,
    k: r.k,
    split: r.split,
    laterRequests: r.laterRequests,
    skills: r.skills,
    matchedSkills: r.matchedSkills.length,
    budget: r.budget,
    methods: r.methods,
    tokens: { input: r.tokens.inputTokens, output: r.tokens.outputTokens, calls: r.tokens.calls },
    problems: r.problems.length,
  };
}

/**
 * The one evaluation panel: the last report, as a table and a chart of the skills beside the two
 * baselines. A new evaluation replaces what it shows; the page asks again (`ready`) whenever it loads.
 */
export class EvaluationPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: EvaluationView | undefined;
  /** Resolves when the page has loaded and been sent the current report. */
  private delivered: { promise: Promise<EvaluationView>; resolve: (v: EvaluationView) => void } | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Opens (or reveals) the panel with `view`; resolves once the page has it. */
  show(view: EvaluationView): Promise<EvaluationView> {
    this.shown = view;
    let resolve!: (v: EvaluationView) => void;
    const promise = new Promise<EvaluationView>((r) => (resolve = r));
    this.delivered = { promise, resolve };
    if (this.panel) {
      this.panel.reveal(undefined, false);
      void this.send();
    } else {
      this.open();
    }
    return promise;
  }

  /** What the panel shows now, if it is open. */
  get current(): EvaluationView | undefined {
    return this.panel ? this.shown : undefined;
  }

  private open(): void {
    const panel = vscode.window.createWebviewPanel(VIEW.evaluation, 'Skill Evaluation', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri) });
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'skillsmith.svg');
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, { script: 'evaluation.js', styles: ['media/common.css', 'media/editor-page.css', 'dist/evaluation.css', 'media/evaluation.css'], title: 'Skill Evaluation' });
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseViewMessage(raw);
      if (message?.type === 'ready') void this.send();
      else log().warn(`evaluation panel: ignored a message that does not fit the protocol: ${JSON.stringify(raw)?.slice(0, 200)}`);
    });
  }

  private async send(): Promise<void> {
    const panel = this.panel;
    const view = this.shown;
    if (!panel || !view) return;
    const message: HostMessage = { type: 'evaluation', evaluation: view };
    try {
      if (await panel.webview.postMessage(message)) this.delivered?.resolve(view);
    } catch (e) {
      log().warn(`evaluation panel: ${describeError(e)}`);
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
