import { commandOf } from '../../distill/atoms/steps';
import { findVersionMarkers } from '../../skills/install/version-marker';
import type { ToolCall } from '../../transcripts/model';

/**
 * How a transcript shows that a skill was loaded:
 *  - `skill-tool`: the agent called its skill tool (Claude Code's `Skill`, input `{skill}`);
 *  - `read`: the agent read an installed SKILL.md (a read tool, or cat/sed/head in a shell);
 *  - `marker`: only the version marker names the skill (a tool's output showed it);
 *  - `conflicting-versions`: the skill was loaded at more than one version in the same atom, so no
 *    version can be credited.
 */
export type UseEvidence = 'skill-tool' | 'read' | 'marker' | 'conflicting-versions';

export interface SkillUse {
  skill: string;
  /** From the version marker the agent saw (full id), or from an `installed/<skill>@<short>` path. */
  version?: string;
  evidence: UseEvidence;
}

/** Path arguments agents' read tools use (Claude Code, Copilot, Cursor, OpenCode, Gemini). */
const PATH_KEYS = ['file_path', 'filePath', 'path', 'target_file', 'absolute_path', 'file'];
/** `…/skills/<name>/SKILL.md` or Skillsmith's own `…/installed/<name>@<version>/SKILL.md`. */
const SKILL_MD_PATH = /(?:^|[\s'"=\\/])(?:skills|installed)[\\/]([^\s'"\\/]+)[\\/]skill\.md(?=$|[\s'";|&)])/gi;
/** Programs that print a file, for shells where reading SKILL.md is how an agent loads a skill. */
const READING_PROGRAM = /(?:^|[\s;&|(])(?:cat|head|tail|sed|awk|less|more|nl|bat|type|Get-Content|gc)\s/i;
const STRENGTH: Record<UseEvidence, number> = { 'skill-tool': 3, read: 2, marker: 1, 'conflicting-versions': 0 };

/** The skills the calls loaded, one entry per skill, strongest evidence first kept. */
export function skillUsesInCalls(calls: readonly ToolCall[]): SkillUse[] {
  const seen = new Map<string, { evidence: UseEvidence; versions: string[] }>();
  for (const call of calls) {
    for (const use of usesInCall(call)) {
      const entry = seen.get(use.skill) ?? { evidence: use.evidence, versions: [] };
      if (STRENGTH[use.evidence] > STRENGTH[entry.evidence]) entry.evidence = use.evidence;
      if (use.version) entry.versions.push(use.version);
      seen.set(use.skill, entry);
    }
  }
  return [...seen].map(([skill, { evidence, versions }]) => {
    const version = agreedVersion(versions);
    if (version === null) return { skill, evidence: 'conflicting-versions' as const };
    return version ? { skill, version, evidence } : { skill, evidence };
  });
}

function usesInCall(call: ToolCall): SkillUse[] {
  const named = namedSkills(call);
  const markers = findVersionMarkers(call.output ?? '');
  const uses: SkillUse[] = [];
  const anonymous = [...new Set(markers.filter((m) => !m.skill).map((m) => m.version))];
  for (const { skill, evidence, version: fromPath } of named) {
    const own = markers.find((m) => m.skill === skill)?.version;
    // a marker without a name belongs to the skill the call loaded when that is the only one
    const version = own ?? (named.length === 1 && anonymous.length === 1 ? anonymous[0] : undefined) ?? fromPath;
    uses.push(version ? { skill, version, evidence } : { skill, evidence });
  }
  for (const m of markers) {
    if (m.skill && !named.some((n) => n.skill === m.skill)) uses.push({ skill: m.skill, version: m.version, evidence: 'marker' });
  }
  return uses;
}

/** The skills a call names: its skill tool's argument, or the SKILL.md files it reads. */
function namedSkills(call: ToolCall): { skill: string; evidence: UseEvidence; version?: string }[] {
  const input = (call.input ?? {}) as Record<string, unknown>;
  if (call.name.toLowerCase() === 'skill' && typeof input.skill === 'string' && input.skill.trim()) {
    return [{ skill: input.skill.trim(), evidence: 'skill-tool' }];
  }
  const path = PATH_KEYS.map((k) => input[k]).find((v): v is string => typeof v === 'string');
  const command = path === undefined ? commandOf(call.input) : undefined;
  const text = path ?? (command && READING_PROGRAM.test(` ${command}`) ? command : undefined);
  if (!text) return [];
  const out = new Map<string, { skill: string; evidence: UseEvidence; version?: string }>();
  for (const m of text.matchAll(SKILL_MD_PATH)) {
    const [name, short] = splitInstalledName(m[1]);
    out.set(name, short ? { skill: name, evidence: 'read', version: short } : { skill: name, evidence: 'read' });
  }
  return [...out.values()];
}

/** `tests@1a2b3c4` (a materialized version folder) → ['tests', '1a2b3c4']. */
function splitInstalledName(folder: string): [string, string | undefined] {
  const m = /^(.+)@([0-9a-f]{7,40})$/i.exec(folder);
  return m ? [m[1], m[2].toLowerCase()] : [folder, undefined];
}

/** The one version all sightings agree on (a short id agrees with the full id it starts), undefined when none, null on a conflict. */
function agreedVersion(versions: string[]): string | undefined | null {
  if (versions.length === 0) return undefined;
  const longest = versions.reduce((a, b) => (b.length > a.length ? b : a));
  return versions.every((v) => longest.startsWith(v)) ? longest : null;
}
