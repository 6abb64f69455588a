import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The extension's one log, the "Skillsmith" output channel; it follows the user's chosen log level. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Skillsmith', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
