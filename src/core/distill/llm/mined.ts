import type { Atom } from '../atoms/types';
import { usualInvocation } from '../offline/commands';
import type { ProjectEvidence } from '../offline/project-skill';
import { clip, oneLine } from './render';

/**
 * What the sessions of a group's project teach beyond its own requests, in a few short lines for the
 * writing prompt: the commands that pass there (usual flags, run order), failures seen in several
 * sessions with what made them pass, and corrections the user repeated. Only what concerns the group's
 * own commands is shown, so the lines stay few (the prompt's token aim holds).
 */
export function minedLines(project: ProjectEvidence | undefined, members: readonly Atom[]): string[] {
  if (!project) return [];
  const ran = new Set(members.flatMap((a) => a.steps.filter((s) => s.signature.startsWith('run:')).map((s) => s.signature.slice(4))));
  const working = project.working.map((h) => {
    const s = project.stats.get(h);
    return s ? `${usualInvocation(s)} (${s.sessions.size} sessions)` : h;
  });
  const recipes = project.recoveries
    .filter((r) => ran.has(r.head) || project.working.includes(r.head))
    .slice(0, 3)
    .map((r) => `${r.head} fails with "${clip(oneLine(r.example), 120)}" in ${r.sessions.length} sessions; passed after ${r.fixCommands.length ? r.fixCommands.join(' and ') : `editing ${r.edited.join('/') || 'the code'}`}`);
  const rules = project.corrections.slice(0, 3).map((c) => `"${clip(oneLine(c.text), 140)}" (${c.sessions.length} sessions)`);
  return [
    ...(working.length ? [`Project ${project.project} checks work with, in order: ${working.join(', ')}`] : []),
    ...recipes.map((r) => `Known failure: ${r}`),
    ...rules.map((r) => `User rule: ${r}`),
  ];
}
