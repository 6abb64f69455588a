import * as vscode from 'vscode';
import { SkillsmithError } from '../../core/errors';
import type { AgentName, AgentTarget, InstallReport, InstallScope } from '../../core/skills/install';
import { currentData } from '../data/current';
import { asStateWriter } from '../data/state-writer';
import { libraryChanged } from '../events';
import { log } from '../log';
import { pickSkill, targetOf, type CommandArg } from '../review/targets';
import { distillRules } from '../settings';
import { editorInstallScopes } from '../data/install-scopes';
import type { Services } from '../services';

/**
 * "Install Skill…": puts the skill's current version into the chosen agents' skills folders, for the user or
 * for this project. Project installs are refused in an untrusted workspace (VS Code's Restricted Mode).
 */
export async function installSkill(s: Services, arg?: CommandArg & { agents?: unknown; scope?: unknown }): Promise<InstallReport | undefined> {
  const given = typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : undefined;
  const skill = targetOf(arg).skill ?? (await pickSkill('Install which skill?', 'library'));
  if (!skill) return undefined;
  const scope = (given?.scope === 'user' || given?.scope === 'project' ? given.scope : await pickScope()) as InstallScope | undefined;
  if (!scope) return undefined;
  // the install layer (git, SQLite, the scanner) loads when first used, not at activation
  const [{ AGENTS, installSkill: install }, { editorInstallContext }, { StateStore }] = await Promise.all([
    import('../../core/skills/install/index.js'),
    import('../data/install-context.js'),
    import('../../core/store/database.js'),
  ]);
  const agents = Array.isArray(given?.agents) ? AGENTS.filter((a) => (given.agents as unknown[]).includes(a.name)) : await pickAgents(AGENTS);
  if (!agents || agents.length === 0) return undefined;
  if (s.jobs.current) throw new SkillsmithError('wait until the running job finishes: it is writing the state database', 'Install Skill');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const data = await currentData();
  return asStateWriter(async () => {
    // a job may have started while this waited its turn: the worker is then the state's writer
    if (s.jobs.current) throw new SkillsmithError('wait until the running job finishes: it is writing the state database', 'Install Skill');
    const store = await StateStore.open(data.home.state);
    try {
      const report = await install(
        editorInstallContext(store, await data.library(), data.home, distillRules().trust, editorInstallScopes()),
        { skill, agents, scope, workspace: folder?.scheme === 'file' ? folder.fsPath : undefined, trustedWorkspace: vscode.workspace.isTrusted },
      );
      for (const i of report.installed) log().info(`install ${skill} ${report.version.slice(0, 7)}: ${i.agent} ${i.scope} ${i.status} at ${i.path} (${i.method})${i.note ? `: ${i.note}` : ''}`);
      for (const f of report.failed) log().warn(`install ${skill}: ${f.agent} at ${f.path}: ${f.error}`);
      const done = report.installed.map((i) => i.agent).join(', ');
      if (report.failed.length > 0) {
        void vscode.window.showWarningMessage(`Skillsmith: installed "${skill}" for ${done || 'no agent'}; ${report.failed.length} failed: ${report.failed[0]!.error}`, 'Show Log').then((a) => a && log().show());
      } else void vscode.window.showInformationMessage(`Skillsmith: installed "${skill}" ${report.version.slice(0, 7)} for ${done} (${scope}).`);
      return report;
    } finally {
      await store.close();
      libraryChanged.fire();
    }
  });
}

async function pickScope(): Promise<InstallScope | undefined> {
  const trusted = vscode.workspace.isTrusted;
  const items: Array<vscode.QuickPickItem & { scope: InstallScope }> = [
    { label: 'For me', description: 'your user-level skills folders', scope: 'user' },
    trusted
      ? { label: 'For this project', description: 'skills folders inside the workspace', scope: 'project' }
      : { label: '$(lock) For this project', description: 'not in Restricted Mode: trust the workspace first', scope: 'project' },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Install where?' });
  if (picked?.scope === 'project' && !trusted) {
    void vscode.window.showWarningMessage('Skillsmith installs no skills into an untrusted workspace. Trust it first (Manage Workspace Trust).');
    return undefined;
  }
  return picked?.scope;
}

async function pickAgents(AGENTS: readonly AgentTarget[]): Promise<AgentTarget[] | undefined> {
  const items = AGENTS.map((a) => ({ label: a.label, description: a.name, picked: true, name: a.name as AgentName }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Install for which agents?', canPickMany: true });
  return picked && AGENTS.filter((a) => picked.some((p) => p.name === a.name));
}
