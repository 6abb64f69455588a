import * as vscode from 'vscode';
import { INTERNAL } from '../actions';
import { COMMAND } from '../ids';
import type { Services } from '../services';
import { promoteCanary, startCanary, stopCanary } from './canary';
import { compareCandidate, compareVersions, compareWithPrevious } from './compare';
import { configureLlm } from './configure-llm';
import { evaluate } from './evaluate';
import { installSkill } from './install';
import { cancelRun, distillNow, ingestNow } from './pipeline';
import { revertSkill } from './revert';
import { acceptCandidate, acceptEditedCandidate, editCandidate, rejectCandidate } from './review';
import { guarded } from './run';
import { describeError } from '../../core/errors';
import { log } from '../log';
import { updateCanaryContext } from '../review/canaries';
import { listSkills, openSession, openSkill, openVersion } from './skills';
import { addTranscriptFolder, showSources } from './sources';
import { refresh, showLog, showTokenUsage } from './usage';

/** Registers every command the extension contributes (and the two the views use internally). */
export function registerCommands(s: Services): void {
  const commands: Record<string, (...args: never[]) => unknown> = {
    [COMMAND.distillNow]: () => distillNow(s),
    [COMMAND.ingestNow]: () => ingestNow(s),
    [COMMAND.cancelRun]: () => cancelRun(s),
    [COMMAND.addTranscriptFolder]: addTranscriptFolder,
    [COMMAND.showSources]: showSources,
    [COMMAND.openSkill]: (arg: Parameters<typeof openSkill>[1]) => openSkill(s, arg),
    [COMMAND.listSkills]: () => listSkills(s),
    [COMMAND.compareVersions]: compareVersions,
    [COMMAND.compareWithPrevious]: compareWithPrevious,
    [COMMAND.compareCandidate]: compareCandidate,
    [COMMAND.acceptCandidate]: (arg: Parameters<typeof acceptCandidate>[1]) => acceptCandidate(s, arg),
    [COMMAND.rejectCandidate]: (arg: Parameters<typeof rejectCandidate>[1]) => rejectCandidate(s, arg),
    [COMMAND.editCandidate]: (arg: Parameters<typeof editCandidate>[1]) => editCandidate(s, arg),
    [COMMAND.acceptEditedCandidate]: (arg: Parameters<typeof acceptEditedCandidate>[1]) => acceptEditedCandidate(s, arg),
    [COMMAND.revertSkill]: revertSkill,
    [COMMAND.installSkill]: (arg: Parameters<typeof installSkill>[1]) => installSkill(s, arg),
    [COMMAND.startCanary]: (arg: Parameters<typeof startCanary>[1]) => startCanary(s, arg),
    [COMMAND.promoteCanary]: (arg: Parameters<typeof promoteCanary>[1]) => promoteCanary(s, arg),
    [COMMAND.stopCanary]: (arg: Parameters<typeof stopCanary>[1]) => stopCanary(s, arg),
    [COMMAND.configureLlm]: (arg: Parameters<typeof configureLlm>[1]) => configureLlm(s, arg),
    [COMMAND.showTokenUsage]: () => showTokenUsage(s),
    [COMMAND.showLog]: showLog,
    [COMMAND.refresh]: refresh,
    [COMMAND.evaluate]: (arg: unknown) => evaluate(s, arg),
    [INTERNAL.openVersion]: openVersion,
    [INTERNAL.openSession]: (arg: Parameters<typeof openSession>[1]) => openSession(s, arg),
  };
  for (const [id, run] of Object.entries(commands)) {
    s.context.subscriptions.push(vscode.commands.registerCommand(id, guarded(id, async (...args: unknown[]) => (run as (...a: unknown[]) => unknown)(...args))));
  }
  // the canary commands show in the palette only where they apply, as of the tree's last reading
  s.context.subscriptions.push(s.browser.onDidRefresh(() => void updateCanaryContext().catch((e: unknown) => log().warn(`canary commands: ${describeError(e)}`))));
}
