import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RetrievalSkill {
  name: string;
  description: string;
  headings: string[];
}

export interface LabeledQuery {
  query: string;
  /** The skill that should answer, or null when no skill fits. */
  skill: string | null;
  /** Written to avoid the skill's own words, or several sentences long; absent for the plain requests. */
  kind?: 'paraphrase' | 'long';
}

const DIR = join(__dirname, '..', 'fixtures', 'retrieval');

export function retrievalSkills(): RetrievalSkill[] {
  return JSON.parse(readFileSync(join(DIR, 'skills.json'), 'utf8')) as RetrievalSkill[];
}

export function labeledQueries(): LabeledQuery[] {
  return JSON.parse(readFileSync(join(DIR, 'queries.json'), 'utf8')) as LabeledQuery[];
}

/** A SKILL.md for a retrieval skill: its description, and its headings as sections. */
export function skillMdOf(s: RetrievalSkill): string {
  const sections = s.headings.map((h) => `## ${h}\n\nSee the project's conventions.\n`).join('\n');
  return `---\nname: ${s.name}\ndescription: ${JSON.stringify(s.description)}\n---\n\n# ${s.name}\n\n${sections}`;
}

/** Writes the set as skill folders under `dir` (for tests that match a folder with --library). */
export function writeRetrievalFolders(dir: string, skills: RetrievalSkill[] = retrievalSkills()): void {
  for (const s of skills) {
    mkdirSync(join(dir, s.name), { recursive: true });
    writeFileSync(join(dir, s.name, 'SKILL.md'), skillMdOf(s));
  }
}

const TOOLS_DIR = join(__dirname, '..', 'fixtures', 'tool-selection');

/** The held-out set: other skills (short tool-style descriptions), about half its requests needing none. */
export function toolSkills(): RetrievalSkill[] {
  return JSON.parse(readFileSync(join(TOOLS_DIR, 'skills.json'), 'utf8')) as RetrievalSkill[];
}

export function toolQueries(): LabeledQuery[] {
  return JSON.parse(readFileSync(join(TOOLS_DIR, 'queries.json'), 'utf8')) as LabeledQuery[];
}
