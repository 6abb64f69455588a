import { describeError } from '../errors';
import { headingsOf } from '../match/skill-index';
import type { SkillScope } from '../match/scope';
import { isProjectSkill, skillProject } from '../skills/scope';
import type { SkillLibrary } from '../skills/library/library';
import { parseSkillMd } from '../skills/skillmd/parse';
import { mentionsIn, type Mentions } from './mentions';

/** A skill as the evaluation sees it: what the matcher indexes, and what its text says. */
export interface EvalSkill {
  name: string;
  version: string;
  description: string;
  headings: string[];
  /** The description, the body and the folder's other text files: what an agent reads once it is loaded. */
  text: string;
  /** The project it is scoped to, from its metadata (see skills/scope.ts). */
  scope: SkillScope;
}

/** A skill's files (SKILL.md and the rest, as text) as an EvalSkill; throws on a SKILL.md that does not parse. */
export function evalSkill(name: string, version: string, files: Record<string, string>): EvalSkill {
  const skillMd = files['SKILL.md'];
  if (skillMd === undefined) throw new Error(`${name}: no SKILL.md`);
  const parsed = parseSkillMd(skillMd, `${name}/SKILL.md`);
  const description = typeof parsed.data.description === 'string' ? parsed.data.description.trim() : '';
  const others = Object.keys(files)
    .filter((p) => p !== 'SKILL.md')
    .sort()
    .map((p) => files[p]);
  const metadata = parsed.data.metadata;
  const project = skillProject(metadata);
  const scope: SkillScope = project ? { project, ...(isProjectSkill(metadata) ? { always: true } : {}) } : {};
  return { name, version, description, headings: headingsOf(parsed.body), text: [description, parsed.body, ...others].join('\n\n'), scope };
}

/**
 * Every skill a library offers: the library's skills, and the candidates waiting for review (a fresh
 * distillation writes its drafts as candidates); a skill with both is taken at its candidate. Skills
 * that cannot be read are reported in `problems` and left out.
 */
export async function librarySkills(library: SkillLibrary): Promise<{ skills: EvalSkill[]; problems: string[] }> {
  const versions = new Map<string, string>();
  for (const s of await library.list()) versions.set(s.name, s.version);
  for (const c of await library.listCandidates()) versions.set(c.name, c.version.id);
  const skills: EvalSkill[] = [];
  const problems: string[] = [];
  for (const [name, version] of [...versions].sort((a, b) => a[0].localeCompare(b[0]))) {
    try {
      skills.push(evalSkill(name, version, (await library.show(name, version)).files));
    } catch (e) {
      problems.push(`skill ${name} left out of the evaluation: ${describeError(e)}`);
    }
  }
  return { skills, problems };
}

/** Mentions per skill, read once. */
export function skillMentions(skills: readonly EvalSkill[], vocabulary: ReadonlySet<string>): Map<string, Mentions> {
  return new Map(skills.map((s) => [s.name, mentionsIn(s.text, vocabulary)]));
}
