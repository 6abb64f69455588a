import * as vscode from 'vscode';
import type { Canary } from '../../core/evolve/canary/types';
import { SkillsmithError } from '../../core/errors';
import { currentData } from '../data/current';
import { asStateWriter } from '../data/state-writer';
import { libraryChanged } from '../events';
import { log } from '../log';
import { pickCanarySkill, type CanaryStep } from '../review/canaries';
import { targetOf, type CommandArg } from '../review/targets';
import { distillRules } from '../settings';
import { editorInstallScopes } from '../data/install-scopes';
import type { Services } from '../services';

/** "Start Canary…": the skill's candidate is tried on a share of sessions beside the current version. */
export async function startCanary(s: Services, arg?: CommandArg): Promise<Canary | undefined> {
  const skill = targetOf(arg).skill ?? (await pickCanarySkill('start', 'Start a canary for which skill?'));
  if (!skill) return undefined;
  const canary = await withEngine(s, 'start', skill, (engine) => engine.start(skill, distillRules().canary));
  const looks = canary.plan.looks.map((l) => l.perArm).join('/');
  log().info(`canary started for ${skill}: candidate ${short(canary.candidateVersion)} against ${short(canary.currentVersion)}, ${percent(canary.share)} of sessions, looks at ${looks} per arm`);
  void vscode.window.showInformationMessage(`Skillsmith: started a canary for "${skill}": ${percent(canary.share)} of sessions get candidate ${short(canary.candidateVersion)}.`);
  return canary;
}

/** "Promote Canary Now": the candidate becomes the current version whatever the samples say; installs move to it. */
export async function promoteCanary(s: Services, arg?: CommandArg): Promise<Canary | undefined> {
  const skill = targetOf(arg).skill ?? (await pickCanarySkill('promote', 'Promote the canary of which skill?'));
  if (!skill) return undefined;
  const canary = await withEngine(s, 'promote', skill, (engine) => engine.promote(skill));
  log().info(`canary promoted by hand for ${skill}: the current version is now ${short(canary.resultVersion!)}`);
  void vscode.window.showInformationMessage(`Skillsmith: promoted the candidate of "${skill}"; it is now version ${short(canary.resultVersion!)}.`);
  return canary;
}

/** "Stop Canary…": asks why (optional), drops the candidate (kept with the reason) and keeps the current version. */
export async function stopCanary(s: Services, arg?: CommandArg): Promise<Canary | undefined> {
  const target = targetOf(arg);
  const skill = target.skill ?? (await pickCanarySkill('stop', 'Stop the canary of which skill?'));
  if (!skill) return undefined;
  const reason =
    target.reason ??
    (await vscode.window.showInputBox({
      title: `Stop the canary for "${skill}"`,
      prompt: 'Why? Optional: the reason is kept with the dropped candidate.',
      placeHolder: 'e.g. the new steps confuse the agent',
      ignoreFocusOut: true,
    }));
  if (reason === undefined) return undefined; // Escape backs out; an empty answer stops without a reason
  const canary = await withEngine(s, 'stop', skill, (engine) => engine.stop(skill, reason.trim() || undefined));
  log().info(`canary stopped by hand for ${skill}: ${canary.reason ?? ''}; ${short(canary.currentVersion)} stays current`);
  void vscode.window.showInformationMessage(`Skillsmith: stopped the canary for "${skill}"; version ${short(canary.currentVersion)} stays current.`);
  return canary;
}

type Engine = import('../../core/evolve/canary/engine').CanaryEngine;

/**
 * Runs one step on the canary engine whose decisions move the installs, as the state database's writer.
 * In an untrusted workspace only user-level installs move: no project folder is written in Restricted Mode.
 */
async function withEngine(s: Services, step: CanaryStep, skill: string, run: (engine: Engine) => Promise<Canary>): Promise<Canary> {
  if (s.jobs.current) throw new SkillsmithError('wait until the running job finishes: it is writing the state database', `${title(step)} Canary`);
  // the canary engine, git and SQLite load when first used, not at activation
  const [{ canaryEngineWithInstalls }, { editorInstallContext }, { listInstallRecords }, { StateStore }] = await Promise.all([
    import('../../core/evolve/canary/by-hand.js'),
    import('../data/install-context.js'),
    import('../../core/skills/install/records.js'),
    import('../../core/store/database.js'),
  ]);
  const data = await currentData();
  const trusted = vscode.workspace.isTrusted;
  return asStateWriter(async () => {
    // a job may have started while this waited its turn: the worker is then the state's writer
    if (s.jobs.current) throw new SkillsmithError('wait until the running job finishes: it is writing the state database', `${title(step)} Canary`);
    const store = await StateStore.open(data.home.state);
    try {
      // in an untrusted workspace the context moves user installs only
      const install = editorInstallContext(store, await data.library(), data.home, distillRules().trust, editorInstallScopes());
      const engine = canaryEngineWithInstalls(install, {
        onReport: (r) => {
          for (const i of r.installed) log().info(`canary ${step} ${r.skill}: ${i.agent} ${i.scope} ${i.status} at ${i.path} (${short(i.version)})`);
          for (const f of r.failed) log().warn(`canary ${step} ${r.skill}: ${f.agent} at ${f.path}: ${f.error}`);
        },
        onNotice: (m) => {
          log().warn(m);
          void vscode.window.showWarningMessage(`Skillsmith: ${m}`);
        },
      });
      const result = await run(engine);
      if (!trusted && step !== 'start') {
        const left = listInstallRecords(store, skill).filter((r) => r.scope === 'project' && !r.pinned);
        if (left.length > 0) log().info(`canary ${step} ${skill}: ${left.length} project install(s) left as they were: the workspace is not trusted`);
      }
      await store.flush();
      return result;
    } finally {
      await store.close();
      libraryChanged.fire();
    }
  });
}

function title(step: CanaryStep): string {
  return step[0]!.toUpperCase() + step.slice(1);
}

function short(version: string): string {
  return version.slice(0, 7);
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
