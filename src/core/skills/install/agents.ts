import { join } from 'node:path';
import { SkillsmithError } from '../../errors';

export type InstallScope = 'user' | 'project';
export type AgentName = 'claude-code' | 'codex' | 'copilot' | 'cursor' | 'openclaw';

/** Where one agent looks for skills, and whether it loads a skill folder that is a symbolic link. */
export interface AgentTarget {
  name: AgentName;
  label: string;
  /** The skills folder under the user's home. */
  userDir(home: string): string;
  /** The skills folder inside a workspace. */
  projectDir(workspace: string): string;
  /**
   * True when the agent follows a linked skill folder at user scope. Project installs are always copies:
   * a workspace is often committed and shared, and a link into one person's home breaks for everyone else.
   */
  followsLinks: boolean;
}

/**
 * The agents Skillsmith installs into. Copies where links are not followed:
 *  - `~/.agents/skills` is shared: Codex follows linked skill folders, but VS Code's Copilot does not find
 *    skills linked there (microsoft/vscode#315979) and OpenClaw skips links that leave its root, so the
 *    shared folder gets copies;
 *  - Copilot does not load linked skill folders under `.github/skills` (microsoft/vscode#291746);
 *  - OpenClaw realpath-checks skill folders and skips links. Its folders, from its skills documentation
 *    (docs.openclaw.ai/tools/skills): managed skills in `~/.openclaw/skills`, workspace skills in
 *    `<workspace>/skills` (highest precedence).
 */
export const AGENTS: readonly AgentTarget[] = [
  {
    name: 'claude-code',
    label: 'Claude Code',
    userDir: (home) => join(home, '.claude', 'skills'),
    projectDir: (ws) => join(ws, '.claude', 'skills'),
    followsLinks: true,
  },
  {
    name: 'codex',
    label: 'Codex and the shared .agents folder',
    userDir: (home) => join(home, '.agents', 'skills'),
    projectDir: (ws) => join(ws, '.agents', 'skills'),
    followsLinks: false,
  },
  {
    name: 'copilot',
    label: 'GitHub Copilot',
    userDir: (home) => join(home, '.copilot', 'skills'),
    projectDir: (ws) => join(ws, '.github', 'skills'),
    followsLinks: false,
  },
  {
    name: 'cursor',
    label: 'Cursor',
    userDir: (home) => join(home, '.cursor', 'skills'),
    projectDir: (ws) => join(ws, '.cursor', 'skills'),
    followsLinks: true,
  },
  {
    name: 'openclaw',
    label: 'OpenClaw',
    userDir: (home) => join(home, '.openclaw', 'skills'),
    projectDir: (ws) => join(ws, 'skills'),
    followsLinks: false,
  },
];

export const AGENT_NAMES: readonly AgentName[] = AGENTS.map((a) => a.name);

export function agentTarget(name: string): AgentTarget {
  const agent = AGENTS.find((a) => a.name === name);
  if (!agent) throw new SkillsmithError(`unknown agent "${name}"`, undefined, `choose one of ${AGENT_NAMES.join(', ')}, or all`);
  return agent;
}

/** `all` or one agent name, as the CLI takes it. */
export function agentsNamed(name: string): AgentTarget[] {
  return name === 'all' ? [...AGENTS] : [agentTarget(name)];
}

export function parseScope(scope: string): InstallScope {
  if (scope === 'user' || scope === 'project') return scope;
  throw new SkillsmithError(`unknown scope "${scope}"`, undefined, 'choose user or project');
}

/** The folder the agent reads for `skill` at `scope`. */
export function skillFolderFor(agent: AgentTarget, scope: InstallScope, skill: string, place: { home: string; workspace?: string }): string {
  if (scope === 'user') return join(agent.userDir(place.home), skill);
  if (!place.workspace) throw new SkillsmithError('a project install needs a workspace folder', undefined, 'pass --workspace DIR');
  return join(agent.projectDir(place.workspace), skill);
}
