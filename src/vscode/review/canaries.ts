import * as vscode from 'vscode';
import { currentData } from '../data/current';
import { CONTEXT } from '../ids';

export type CanaryStep = 'start' | 'promote' | 'stop';

/** Skills a canary can start for now, and skills with one running. */
export async function canaryChoices(): Promise<{ ready: string[]; running: string[] }> {
  return (await currentData()).canaryChoices();
}

/** Asks which skill, offering only those the step applies to; undefined when none does or the user backs out. */
export async function pickCanarySkill(step: CanaryStep, placeHolder: string): Promise<string | undefined> {
  const choices = await canaryChoices();
  const names = step === 'start' ? choices.ready : choices.running;
  if (names.length === 0) {
    void vscode.window.showInformationMessage(
      step === 'start'
        ? 'Skillsmith: no skill can start a canary now. One needs an install that follows the library and a candidate awaiting review, with no canary running.'
        : 'Skillsmith: no canary is running.',
    );
    return undefined;
  }
  const description = step === 'start' ? 'candidate awaiting review' : 'canary running';
  return (await vscode.window.showQuickPick(names.map((label) => ({ label, description })), { placeHolder }))?.label;
}

/**
 * Keeps the `when` clauses of the canary commands current. The keys say what is known NOT to apply, so before
 * the first reading (nothing loaded at activation) the commands stay in the palette.
 */
export async function updateCanaryContext(): Promise<void> {
  const { ready, running } = await canaryChoices();
  await vscode.commands.executeCommand('setContext', CONTEXT.noCanaryReady, ready.length === 0);
  await vscode.commands.executeCommand('setContext', CONTEXT.noCanaryRunning, running.length === 0);
}
