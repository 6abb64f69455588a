/** Where a skill applies, as matching needs it (read from its metadata, see skills/scope.ts). */
export interface SkillScope {
  /** The project the skill was distilled for; a skill with none applies everywhere. */
  project?: string;
  /** The project's "working in" skill: offered for every request in that project. */
  always?: boolean;
}

/**
 * Scopes a ranked match list to the request's project: skills of another project are dropped, and the
 * project's own skill (how to build, test and check work there) comes first, whatever the words of the
 * request, as a project-level skill is in front of an agent for any task in that folder. It takes one of
 * the k places. With no known project nothing is added, and only skills of no project are kept.
 */
export function scopeMatches<T extends { skill: string }>(
  ranked: readonly T[],
  scopes: ReadonlyMap<string, SkillScope>,
  project: string | undefined,
  k: number,
  entryFor: (skill: string) => T,
): T[] {
  const fits = (name: string) => {
    const s = scopes.get(name);
    return !s?.project || s.project === project;
  };
  const always = project ? [...scopes].filter(([, s]) => s.always && s.project === project).map(([name]) => name).sort() : [];
  const first = always.map((name) => ranked.find((m) => m.skill === name) ?? entryFor(name));
  const rest = ranked.filter((m) => fits(m.skill) && !always.includes(m.skill));
  return [...first, ...rest].slice(0, Math.max(k, first.length));
}
