import type { Atom } from '../atoms/types';
import { findBoilerplate, withoutBoilerplate } from './boilerplate';
import { projectsOf, SCOPE_KEYS } from '../../skills/scope';
import { recurringCorrections } from './corrections';
import { draftSkill, type SkillDraft } from './draft';
import { collapse, mostSharedSequence } from './sequences';
import { draftProjectSkill, projectEvidence, projectSkillName, type ProjectEvidence } from './project-skill';
import { findRecoveries } from './recoveries';
import { draftWorkflowSkill } from './workflow-skill';
import { keepHelpfulWorkflows } from './validate';
import { actionFeatures, clusterByActions } from './workflows';

export interface OfflineRules {
  /** A workflow must recur in at least this many distinct sessions. */
  minSessions: number;
  /** …and at least this many times in all. */
  minOccurrences: number;
  /** …and end well at least this often. */
  minSuccessRate: number;
}

export const DEFAULT_OFFLINE_RULES: OfflineRules = { minSessions: 2, minOccurrences: 3, minSuccessRate: 0.8 };

/** A workflow that holds more than this share of a project's requests is a catch-all, not a workflow… */
const CATCH_ALL_SHARE = 0.5;
/** …once the project has enough requests for a share to mean something. */
const CATCH_ALL_MIN_REQUESTS = 12;

/**
 * The offline engine: no model, same input → same output. Per project (the workspace the sessions ran
 * in), it mines what the sessions teach: the working commands (a "working in <project>" skill), failures
 * with what made them pass, and the user's recurring corrections. Then it groups requests by what was done
 * (commands run, kinds of files edited), and drafts a workflow skill for each group that recurs often
 * enough, in enough sessions, mostly succeeds, and adds something to the project skill.
 */
export function draftSkillsOffline(atoms: readonly Atom[], takenNames: ReadonlySet<string>, rules = DEFAULT_OFFLINE_RULES): SkillDraft[] {
  const working = [...atoms].filter((a) => a.steps.length > 0).sort((a, b) => a.id.localeCompare(b.id));
  const boilerplate = findBoilerplate(working);
  const clean = new Map(working.map((a) => [a.id, withoutBoilerplate(a.request, boilerplate) || a.intent]));
  const allRequests = [...clean.values()];
  const taken = new Set(takenNames);
  const drafts: SkillDraft[] = [];
  for (const [project, members] of byProject(working)) {
    const evidence = project ? mineProject(project, members, rules) : undefined;
    // a project skill already in the library says the working commands as well as a new one would
    const existing = evidence && evidence.working.length > 0 && taken.has(projectSkillName(project)) ? evidence : undefined;
    const projectDraft = evidence && projectSkill(evidence, taken, rules);
    if (projectDraft) {
      taken.add(projectDraft.name);
      drafts.push(projectDraft);
    }
    const clusters = clusterByActions(members)
      .filter((c) => !(members.length >= CATCH_ALL_MIN_REQUESTS && c.members.length > members.length * CATCH_ALL_SHARE))
      .filter((c) => qualifies(c.members, rules));
    const workflows: SkillDraft[] = [];
    for (const cluster of clusters) {
      const draft = draftWorkflowSkill({ cluster, project: projectDraft ? evidence : existing, cleanRequests: clean, allRequests, minSessions: rules.minSessions, takenNames: taken });
      if (!draft) continue;
      taken.add(draft.name);
      workflows.push(draft);
    }
    drafts.push(...keepHelpfulWorkflows(workflows, members, projectDraft ?? (existing && draftProjectSkill(existing, projectSkillName(project)))));
  }
  return drafts;
}

/**
 * The groups a model-backed engine writes skills for: requests grouped by what was done (as offline), each
 * with the tool workflow its members share, drafted the plain way for the model to rewrite, and the
 * project's mined evidence (working commands, recoveries, corrections) for the prompt.
 */
export function mineWorkflowGroups(atoms: readonly Atom[], takenNames: ReadonlySet<string>, rules = DEFAULT_OFFLINE_RULES): { draft: SkillDraft; project?: ProjectEvidence }[] {
  const working = [...atoms].filter((a) => a.steps.length > 0).sort((a, b) => a.id.localeCompare(b.id));
  const boilerplate = findBoilerplate(working);
  const clean = new Map(working.map((a) => [a.id, withoutBoilerplate(a.request, boilerplate) || a.intent]));
  const allRequests = [...clean.values()];
  const taken = new Set(takenNames);
  const out: { draft: SkillDraft; project?: ProjectEvidence }[] = [];
  for (const [project, members] of byProject(working)) {
    const evidence = project ? mineProject(project, members, rules) : undefined;
    for (const cluster of clusterByActions(members)) {
      const sequences = cluster.members.map((a) => collapse(a.steps.map((s) => s.signature)));
      const best = mostSharedSequence(sequences);
      if (!best) continue;
      const group = best.members.map((i) => cluster.members[i]);
      if (!qualifies(group, rules)) continue;
      const draft = draftSkill({ members: group, sequence: best.signatures, cleanRequests: clean, allRequests, takenNames: taken });
      taken.add(draft.name);
      out.push({ draft, ...(evidence ? { project: evidence } : {}) });
    }
  }
  return out;
}

/** Requests by project; requests whose workspace is unknown form a group of their own (no project). */
function byProject(atoms: Atom[]): [string, Atom[]][] {
  const projects = projectsOf(atoms.map((a) => a.workspace));
  const groups = new Map<string, Atom[]>();
  for (const a of atoms) {
    const p = (a.workspace && projects.get(a.workspace)) || '';
    groups.set(p, [...(groups.get(p) ?? []), a]);
  }
  return [...groups].sort((a, b) => a[0].localeCompare(b[0]));
}

export function mineProject(project: string, members: Atom[], rules: OfflineRules): ProjectEvidence {
  return projectEvidence(project, members, rules.minSessions, {
    recoveries: findRecoveries(members, rules.minSessions),
    corrections: recurringCorrections(members, rules.minSessions),
  });
}

/** A project has one project skill: once it exists, new sessions revise it rather than start another. */
function projectSkill(e: ProjectEvidence, taken: ReadonlySet<string>, rules: OfflineRules): SkillDraft | undefined {
  const name = projectSkillName(e.project);
  if (e.working.length === 0 || taken.has(name)) return undefined;
  const draft = draftProjectSkill(e, name);
  return draft.evidence.sessions.length >= rules.minSessions ? draft : undefined;
}

/** A new version of a project skill from all its evidence, old and new; undefined when nothing is left of it. */
export function reviseProjectSkill(name: string, project: string, atoms: Atom[], rules: OfflineRules): SkillDraft | undefined {
  const e = mineProject(project, atoms.filter((a) => a.steps.length > 0), rules);
  return e.working.length ? draftProjectSkill(e, name) : undefined;
}

/** A new version of a workflow skill from all its evidence: the same workflow drafted from the larger group. */
export function reviseWorkflowSkill(name: string, project: string | undefined, atoms: Atom[], rules: OfflineRules): SkillDraft | undefined {
  const members = atoms.filter((a) => a.steps.length > 0);
  if (members.length === 0) return undefined;
  const boilerplate = findBoilerplate(members);
  const clean = new Map(members.map((a) => [a.id, withoutBoilerplate(a.request, boilerplate) || a.intent]));
  const cluster = { members, centroid: new Map<string, number>() };
  for (const a of members) for (const f of actionFeatures(a)) cluster.centroid.set(f, (cluster.centroid.get(f) ?? 0) + 1 / members.length);
  const draft = draftWorkflowSkill({ cluster, cleanRequests: clean, allRequests: [...clean.values()], minSessions: rules.minSessions, takenNames: new Set(), name });
  if (!draft || !project) return draft;
  return { ...draft, metadata: { ...draft.metadata, [SCOPE_KEYS.project]: project } };
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function qualifies(members: Atom[], rules: OfflineRules): boolean {
  const sessions = new Set(members.map((a) => a.sessionKey)).size;
  const successes = members.filter((a) => a.outcome === 'success').length;
  return (
    members.length >= rules.minOccurrences &&
    sessions >= rules.minSessions &&
    successes / Math.max(1, members.length) >= rules.minSuccessRate
  );
}
