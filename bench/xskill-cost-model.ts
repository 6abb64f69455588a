/**
 * What xskill's LLM stages would send for the same sessions, modelled from the teardown in
 * shared/notes/xskill-design.md (§1.3 TaskAgent, §1.5 TaskClusterAgent, §1.7 SkillEditAgent, §8.3). It is a
 * model, not a measurement: every constant below is an assumption, printed with the result.
 */

export const XSKILL_ASSUMPTIONS = {
  /** TaskAgent system prompt (≈2.5k Chinese characters, "≈2k tokens" in §8.3). */
  splitSystemTokens: 2000,
  /** Splitter window: whole lines up to 30,000 characters of the trajectory markdown. */
  splitWindowChars: 30_000,
  /** Per user turn, a "- Query k[line n]: <first 80 chars>" history line in the user message. */
  queryLineTokens: 25,
  /** Each round re-sends the conversation; a submit_atom call and its result add about this much. */
  toolTurnTokens: 60,
  /** TaskClusterAgent system prompt without the catalog ("≈1.5k" in §8.3). */
  routeSystemTokens: 1500,
  /** Router rounds per atom ("2–5 rounds" in §8.3; the low middle). */
  routeRounds: 3,
  /** The atom's own user message: ids, intent, summary, tags, ux score, line range. */
  routeAtomTokens: 150,
  /** Catalog: one line per skill, description up to 300 characters, 25,000 characters at most. */
  catalogBudgetChars: 25_000,
  catalogDescriptionChars: 300,
  catalogNameChars: 30,
  /** SkillEditAgent: system prompt plus scenario block, and rounds per edit (read atoms, read skill, write, commit). */
  editSystemTokens: 2000,
  editRounds: 4,
  /** An atom read by the editor: its JSON record around the raw segment. */
  atomRecordTokens: 150,
  /** The SKILL.md written, which the later rounds carry as tool-call arguments. */
  writtenSkillTokens: 600,
} as const;

export interface XskillSession {
  /** Tokens of the trajectory markdown (xskill's caps do not bind on short sessions). */
  trajectoryTokens: number;
  userTurns: number;
  /** Token sizes of the atoms' raw segments. */
  atoms: number[];
}

export interface XskillSpend {
  split: number;
  route: number;
  edit: number;
  total: number;
}

const A = XSKILL_ASSUMPTIONS;

/** Catalog tokens in the router's system prompt for a library of `skills` skills. */
export function catalogTokens(skills: number): number {
  if (skills === 0) return 0;
  const perDescription = Math.min(A.catalogDescriptionChars, Math.floor((A.catalogBudgetChars - skills * A.catalogNameChars) / skills));
  // under 75 characters a description is dropped and only names are listed (§1.5)
  const line = A.catalogNameChars + (perDescription >= 75 ? perDescription : 0);
  return Math.ceil(Math.min(A.catalogBudgetChars, skills * line) / 4);
}

/** TaskAgent: one agent session per trajectory, one round per atom plus the last, each re-sending the window. */
export function splitSpend(s: XskillSession): number {
  const window = Math.min(s.trajectoryTokens, A.splitWindowChars / 4);
  const base = A.splitSystemTokens + s.userTurns * A.queryLineTokens + window;
  let total = 0;
  for (let round = 0; round <= s.atoms.length; round++) total += base + round * A.toolTurnTokens;
  return total;
}

/** TaskClusterAgent: per atom, a few rounds, each with the whole catalog and the atom's segment once read. */
export function routeSpend(atomTokens: number, librarySkills: number): number {
  const base = A.routeSystemTokens + catalogTokens(librarySkills) + A.routeAtomTokens;
  let total = 0;
  for (let round = 0; round < A.routeRounds; round++) total += base + (round > 0 ? atomTokens : 0) + round * A.toolTurnTokens;
  return total;
}

/** SkillEditAgent: per edit, rounds that accumulate the atoms read, the skill read and the file written. */
export function editSpend(memberAtomTokens: number[]): number {
  const atoms = memberAtomTokens.reduce((n, t) => n + t + A.atomRecordTokens, 0);
  const system = A.editSystemTokens + memberAtomTokens.length * 20;
  const context = [0, atoms, atoms + A.writtenSkillTokens / 2, atoms + A.writtenSkillTokens * 1.5];
  return context.slice(0, A.editRounds).reduce((n, c) => n + system + c, 0);
}

/**
 * The whole run: every trajectory split, every atom routed against the library as it stands (xskill's
 * router creates skills as it goes, so the library grows by one per new group), one edit per skill written.
 */
export function xskillSpend(sessions: XskillSession[], groups: number[][], libraryAtStart: number): XskillSpend {
  const split = sessions.reduce((n, s) => n + splitSpend(s), 0);
  let library = libraryAtStart;
  let route = 0;
  const atoms = sessions.flatMap((s) => s.atoms);
  const grows = new Set(groups.map((g) => g[0]));
  atoms.forEach((tokens, i) => {
    route += routeSpend(tokens, library);
    if (grows.has(i)) library++;
  });
  const edit = groups.reduce((n, g) => n + editSpend(g.map((i) => atoms[i] ?? 0)), 0);
  return { split, route, edit, total: split + route + edit };
}
