/** A skill as the library holds it now, on the library branch. */
export interface LibrarySkill {
  name: string;
  /** From the `description` field of SKILL.md; empty when it has none. */
  description: string;
  /** The latest commit that touched the skill's folder. */
  version: string;
  /** ISO 8601 time of that commit. */
  updatedAt: string;
}

/** One version of a skill: a commit that touched its folder. */
export interface SkillVersion {
  id: string;
  shortId: string;
  /** ISO 8601 commit time. */
  date: string;
  message: string;
}

/** All files of a skill's folder at one version, as UTF-8 text keyed by path relative to the folder. */
export interface SkillSnapshot {
  name: string;
  version: string;
  files: Record<string, string>;
}

/** A proposed new version of a skill, waiting on its `candidate/<skill>` branch. */
export interface SkillCandidate {
  name: string;
  branch: string;
  /** The tip of the candidate branch. */
  version: SkillVersion;
  /** Why it was proposed (from the latest proposal commit). */
  reason: string;
  /** The library's version of the skill when the candidate was last proposed; null for a new skill. */
  baseVersion: string | null;
}

/** A rejected candidate, kept reachable under `refs/rejected/<skill>` with the reason. */
export interface CandidateRejection {
  name: string;
  /** The rejection commit. */
  id: string;
  date: string;
  reason: string;
  /** The candidate commit that was rejected; its content stays readable through `show`. */
  candidate: string;
}

export interface CommitIdentity {
  name: string;
  email: string;
}

export const DEFAULT_IDENTITY: CommitIdentity = { name: 'Skillsmith', email: 'skillsmith@localhost' };
