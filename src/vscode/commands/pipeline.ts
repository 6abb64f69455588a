import * as vscode from 'vscode';
import type { JobOutcome } from '../pipeline/jobs';
import type { Services } from '../services';

/** "Distill Now": ingest, then distill, in the worker. */
export function distillNow(s: Services): Promise<JobOutcome | undefined> {
  return s.jobs.run('distill');
}

/** "Ingest Now": read new and changed sessions into the state store, in the worker. */
export function ingestNow(s: Services): Promise<JobOutcome | undefined> {
  return s.jobs.run('ingest');
}

export async function cancelRun(s: Services): Promise<boolean> {
  const cancelled = s.jobs.cancel();
  if (!cancelled) void vscode.window.showInformationMessage('Skillsmith: nothing is running.');
  return cancelled;
}
