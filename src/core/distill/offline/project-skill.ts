import { SCOPE_KEYS } from '../../skills/scope';
import type { Atom } from '../atoms/types';
import { bestCommandSet, commandStats, inRunOrder, recencyWeights, succeededHeads, type CommandStat } from './commands';
import type { RecurringCorrection } from './corrections';
import { slug, type SkillDraft } from './draft';
import type { Recovery } from './recoveries';
import { code, commandLines, evidenceLines, pitfallLines, ruleLines } from './render';
import { clusterByActions } from './workflows';

/** What a project's sessions teach as a whole, mined once and shared by its skills. */
export interface ProjectEvidence {
  project: string;
  atoms: Atom[];
  stats: Map<string, CommandStat>;
  /** The working commands: the set that best predicts what a request here runs, in run order. */
  working: string[];
  recoveries: Recovery[];
  corrections: RecurringCorrection[];
}

/** At most this many working commands: a project skill is a short checklist, not an inventory. */
const MAX_WORKING = 5;

/**
 * The working commands: among the commands common to several kinds of work (see `sharedByKinds`), the set
 * that best predicts what a request here runs, recent requests counting more.
 */
export function workingCommands(atoms: readonly Atom[], stats: Map<string, CommandStat>, minSessions: number): string[] {
  const ran = atoms.filter((a) => succeededHeads(a).size > 0);
  const shared = sharedByKinds(atoms, minSessions);
  const candidates = [...stats.values()].filter((s) => !shared || shared.has(s.head));
  const picked = bestCommandSet(ran.map(succeededHeads), candidates, { minSessions, max: MAX_WORKING, weights: recencyWeights(ran) });
  return inRunOrder(picked, stats);
}

/**
 * Commands that most requests of at least two kinds of work run (kinds: groups of requests that did the
 * same things): the test command runs after a fix and after a migration; the release command only in
 * releases, so it belongs to the release workflow, not to the project. Undefined when the project has
 * fewer than two kinds of work, and then every command may be a working one.
 */
function sharedByKinds(atoms: readonly Atom[], minSessions: number): Set<string> | undefined {
  const kinds = clusterByActions(atoms).filter((c) => new Set(c.members.map((a) => a.sessionKey)).size >= minSessions);
  if (kinds.length < 2) return undefined;
  const spread = new Map<string, number>();
  for (const c of kinds) for (const [f, share] of c.centroid) if (f.startsWith('run:') && share >= 0.5) spread.set(f.slice(4), (spread.get(f.slice(4)) ?? 0) + 1);
  return new Set([...spread].filter(([, n]) => n >= 2).map(([h]) => h));
}

export function projectSkillName(project: string): string {
  return slug(`working in ${project}`) || 'working-in-project';
}

/**
 * "Working in <project>": the commands that pass there with their usual flags and in the order sessions
 * run them, the failures those commands hit with what made them pass, and the user's standing corrections.
 */
export function draftProjectSkill(e: ProjectEvidence, name: string): SkillDraft {
  const members = e.atoms.filter((a) => e.working.some((h) => succeededHeads(a).has(h)));
  const sessions = [...new Set(members.map((a) => a.sessionKey))].sort();
  const recipes = e.recoveries.filter((r) => e.working.includes(r.head)).slice(0, 6);
  const order = e.working.length > 1 ? `Sessions here run them in this order: ${e.working.map(code).join(', then ')}.` : '';
  const body = [
    `# Working in ${e.project}`,
    '',
    `How work gets checked in ${e.project}, from ${members.length} requests in ${sessions.length} sessions. A draft by Skillsmith's offline engine; review it before relying on it.`,
    '',
    '## Commands that work here',
    '',
    ...commandLines(e.working, e.stats),
    '',
    ...(order ? [order, ''] : []),
    ...(recipes.length ? ['## Pitfalls', '', ...pitfallLines(recipes), ''] : []),
    ...(e.corrections.length ? ['## Rules from the user', '', ...ruleLines(e.corrections.slice(0, 5)), ''] : []),
    '## Evidence',
    '',
    ...evidenceLines(members),
    '',
  ].join('\n');
  const description =
    `How to build, test and check changes in ${e.project}: ${e.working.map(code).join(', ')}, with the flags and order that pass here` +
    `${recipes.length ? ' and what to do when they fail' : ''}. Use for any change in the ${e.project} project.`;
  return {
    name,
    description: description.slice(0, 1000),
    body,
    metadata: { 'skillsmith-engine': 'offline', [SCOPE_KEYS.project]: e.project, [SCOPE_KEYS.kind]: 'project' },
    evidence: {
      atoms: members.map((a) => a.id).sort(),
      sessions,
      sequence: [],
      occurrences: members.length,
      successRate: members.filter((a) => a.outcome === 'success').length / Math.max(1, members.length),
      commands: e.working,
    },
  };
}

export function projectEvidence(project: string, atoms: Atom[], minSessions: number, mine: { recoveries: Recovery[]; corrections: RecurringCorrection[] }): ProjectEvidence {
  const stats = commandStats(atoms);
  return { project, atoms, stats, working: workingCommands(atoms, stats, minSessions), ...mine };
}
