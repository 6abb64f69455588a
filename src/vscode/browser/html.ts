import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The sidebar page. The CSP allows only our own bundle (by nonce) and stylesheet: nothing inline, nothing
 * remote, so skill text shown in the page can never run as script.
 */
export function browserHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'browser.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${style}">
  <title>Skillsmith</title>
</head>
<body>
  <main id="app"><p class="hint">Loading skills…</p></main>
  <script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

/** Folders the page may load files from. */
export function browserResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}
