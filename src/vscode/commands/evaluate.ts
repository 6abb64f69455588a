import * as vscode from 'vscode';
import type { EvalInput, EvalProgress } from '../../core/eval/run';
import { describeError, SkillsmithError } from '../../core/errors';
import { OFFLINE_CONFIG } from '../../core/llm/config';
import { runInWorker } from '../../worker/client';
import { describeJob, evalJob } from '../../worker/protocol';
import type { ChatHandler } from '../../worker/remote-chat';
import type { EvaluationView } from '../../../webview/protocol';
import { evaluationView } from '../evaluation/panel';
import { llmConfigFromSettings } from '../llm/config';
import { selectChatModel, VsCodeLmTransport } from '../llm/vscode-lm-transport';
import { log } from '../log';
import type { Services } from '../services';
import { setting } from '../settings';

/** What a caller (a test, another extension, a keybinding's args) may ask of Evaluate Skills. */
export interface EvaluateArgs {
  /** Session files or folders; default: the sessions discovered for this workspace, as Distill Now reads them. */
  paths?: string[];
  /** Distill with the offline engine whatever model is configured. */
  offline?: boolean;
  split?: number;
  k?: number;
}

const PHASES: Record<EvalProgress['phase'], string> = { ingest: 'reading sessions', distill: 'distilling the earlier sessions', match: 'matching the later requests' };

/**
 * "Skillsmith: Evaluate Skills": hindsight evaluation in the pipeline worker, with a cancellable progress
 * notification, then the report in its panel. The user's library and state are not touched: the worker
 * distills into a scratch home.
 */
export async function evaluate(s: Services, raw?: unknown): Promise<EvaluationView | undefined> {
  const args = checkArgs(raw);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const workspace = folder?.scheme === 'file' ? folder.fsPath : '';
  const llm = args.offline ? { ...OFFLINE_CONFIG } : await llmConfigFromSettings(s.context.secrets);
  const input: EvalInput = {
    paths: args.paths ?? [],
    workspace,
    allWorkspaces: setting('allWorkspaces') || workspace === '',
    extraFolders: setting('transcriptFolders'),
    ...(args.split !== undefined ? { split: args.split } : {}),
    ...(args.k !== undefined ? { k: args.k } : {}),
    ...(llm.provider === 'offline' ? {} : { llm }),
  };
  let chat: ChatHandler | undefined;
  if (input.llm?.provider === 'vscode-lm') {
    // the worker cannot reach vscode.lm: its calls come back here, to the model chosen now
    const transport = new VsCodeLmTransport(await selectChatModel(input.llm.model));
    chat = (call, signal) => transport.chat({ ...call, signal });
  }
  const job = evalJob(input);
  log().info(`evaluate: started: ${describeJob(job)}`);
  const controller = new AbortController();
  try {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Skillsmith: evaluating skills in hindsight', cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        let last = 0;
        const onProgress = (p: EvalProgress) => {
          const eta = p.etaSeconds !== undefined ? `, about ${p.etaSeconds < 90 ? `${p.etaSeconds}s` : `${Math.round(p.etaSeconds / 60)} min`} left` : '';
          // the three phases share the bar: a third each
          const fraction = (100 * (['ingest', 'distill', 'match'].indexOf(p.phase) + (p.total > 0 ? p.done / p.total : 0))) / 3;
          progress.report({ message: `${PHASES[p.phase]} ${p.done}/${p.total}${eta}`, increment: Math.max(0, fraction - last) });
          last = Math.max(last, fraction);
        };
        return runInWorker(vscode.Uri.joinPath(s.context.extensionUri, 'dist', 'worker.js').fsPath, job, { onProgress, signal: controller.signal, chat });
      },
    );
    for (const p of report.problems) log().warn(`evaluate: ${p}`);
    const m = report.methods;
    log().info(`evaluate: F1 skills ${m.skills.f1.mean.toFixed(2)}, raw reuse ${m.rawReuse.f1.mean.toFixed(2)}, static playbook ${m.staticPlaybook.f1.mean.toFixed(2)} on ${report.laterRequests.total} later requests`);
    return await s.evaluation.show(evaluationView(report));
  } catch (e) {
    if (!controller.signal.aborted) throw e;
    log().info(`evaluate: cancelled: ${describeError(e)}`);
    void vscode.window.showInformationMessage('Skillsmith: evaluation cancelled. Nothing was kept: it ran in a scratch folder.');
    return undefined;
  }
}

function checkArgs(raw: unknown): EvaluateArgs {
  if (raw === undefined || raw === null) return {};
  const bad = (why: string) => new SkillsmithError(why, 'Evaluate Skills');
  if (typeof raw !== 'object' || Array.isArray(raw)) throw bad('its argument must be an object such as { paths: [...] }');
  const a = raw as Record<string, unknown>;
  if (a.paths !== undefined && !(Array.isArray(a.paths) && a.paths.every((p) => typeof p === 'string'))) throw bad('paths must be a list of file or folder paths');
  if (a.offline !== undefined && typeof a.offline !== 'boolean') throw bad('offline must be true or false');
  for (const key of ['split', 'k'] as const) if (a[key] !== undefined && typeof a[key] !== 'number') throw bad(`${key} must be a number`);
  return { paths: a.paths as string[] | undefined, offline: a.offline as boolean | undefined, split: a.split as number | undefined, k: a.k as number | undefined };
}
