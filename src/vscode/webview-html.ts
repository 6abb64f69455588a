import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * A webview page of ours. The CSP allows only our own bundle (by nonce), our stylesheets and the codicon
 * font: nothing inline, nothing remote, so skill or session text shown in the page can never run as script
 * or load anything from elsewhere.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: { script: string; styles: string[]; title: string }): string {
  const nonce = randomBytes(18).toString('base64');
  const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const styles = [
    `<link id="vscode-codicon-stylesheet" rel="stylesheet" href="${uri('dist', 'codicon.css')}">`,
    ...page.styles.map((s) => `<link rel="stylesheet" href="${uri(...s.split('/'))}">`),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  ${styles.join('\n  ')}
  <title>${page.title}</title>
</head>
<body>
  <main id="app"><p class="hint">Loading…</p></main>
  <script nonce="${nonce}" src="${uri('dist', page.script)}"></script>
</body>
</html>`;
}

/** Folders a page may load files from. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}
