import * as vscode from 'vscode';
import { BrowserViewProvider } from './browser/browserView';
import { registerCommands } from './commands';
import { VIEW } from './ids';
import { disposeLog, log } from './log';

// Activation only wires things up; the library is opened when a command or the view first needs it.
export function activate(context: vscode.ExtensionContext): void {
  registerCommands(context);
  const browser = new BrowserViewProvider(context.extensionUri);
  context.subscriptions.push(browser, vscode.window.registerWebviewViewProvider(VIEW.browser, browser));
  log().info(`activated (VS Code ${vscode.version}, ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'} workspace)`);
}

export function deactivate(): void {
  disposeLog();
}
