import * as vscode from 'vscode';

/**
 * Fired after anything that changes the library or the state (an accepted candidate, a finished distill, a
 * changed home setting): every view refreshes from it, so none can show a library that no longer exists.
 */
export const libraryChanged = new vscode.EventEmitter<void>();
