import * as vscode from 'vscode';
import { COMMAND } from '../ids';
import { listSkills } from './listSkills';

/** Registers every command the extension contributes. */
export function registerCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMAND.listSkills, listSkills));
}
