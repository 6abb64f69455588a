import * as vscode from 'vscode';
import type { Action, ActionTarget, ViewCommand } from '../../webview/protocol';
import { COMMAND } from './ids';

/** The command each webview action runs: the views do nothing the palette cannot do. */
const ACTION_COMMANDS: Record<Action, string> = {
  openSkill: COMMAND.openSkill,
  openVersion: 'skillsmith.internal.openVersion',
  openSession: 'skillsmith.internal.openSession',
  compareWithPrevious: COMMAND.compareWithPrevious,
  compareCandidate: COMMAND.compareCandidate,
  acceptCandidate: COMMAND.acceptCandidate,
  rejectCandidate: COMMAND.rejectCandidate,
  editCandidate: COMMAND.editCandidate,
  revertToVersion: COMMAND.revertSkill,
  installSkill: COMMAND.installSkill,
  startCanary: COMMAND.startCanary,
  promoteCanary: COMMAND.promoteCanary,
  stopCanary: COMMAND.stopCanary,
};

export const INTERNAL = {
  openVersion: ACTION_COMMANDS.openVersion,
  openSession: ACTION_COMMANDS.openSession,
} as const;

/** Runs what a webview asked for (already checked against the protocol). */
export async function runAction(action: Action, target: ActionTarget): Promise<void> {
  await vscode.commands.executeCommand(ACTION_COMMANDS[action], target);
}

export async function runViewCommand(command: ViewCommand): Promise<void> {
  await vscode.commands.executeCommand(COMMAND[command]);
}
