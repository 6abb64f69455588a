import type { Document, YAMLMap } from 'yaml';
import { SKILL_NAME_MAX } from './name-rule';

/** The frontmatter fields the Agent Skills specification defines. */
export interface SkillFrontmatter {
  name: string;
  description: string;
  license?: string;
  'allowed-tools'?: string;
  metadata?: Record<string, string>;
  compatibility?: string;
}

/** The verdict on one skill: errors make it invalid, warnings are advice. */
export interface ValidationReport {
  path: string;
  name?: string;
  valid: boolean;
  errors: string[];
  warnings: string[];
}

/** A SKILL.md split into its frontmatter and body, with enough positions to edit it in place. */
export interface ParsedSkillMd {
  /** Where the text came from, for messages. */
  where: string;
  /** The whole text, unchanged. */
  raw: string;
  /** The line ending of the opening `---` line; edits use it too. */
  eol: '\n' | '\r\n';
  /**
   * The frontmatter as a yaml Document, parsed with the failsafe schema so every scalar stays the
   * string that was written (`version: 1.0` is "1.0"), as the reference validator reads it.
   */
  document: Document.Parsed;
  /** The document's top-level mapping. */
  map: YAMLMap;
  /** The frontmatter as plain data: strings, arrays and objects. */
  data: Record<string, unknown>;
  /** Everything after the closing `---` line, exactly as written (including a leading blank line). */
  body: string;
  /** Offsets into `raw`: the YAML text lies in [yamlStart, yamlEnd), the body starts at bodyStart. */
  span: { yamlStart: number; yamlEnd: number; bodyStart: number };
}

/** Fields allowed at the top level of the frontmatter. */
export const ALLOWED_FIELDS = ['name', 'description', 'license', 'allowed-tools', 'metadata', 'compatibility'] as const;

/** Limits from the specification, counted in Unicode code points. */
export const LIMITS = {
  name: SKILL_NAME_MAX,
  description: 1024,
  compatibility: 500,
  /** Advice, not rules: the specification recommends bodies under these. */
  bodyLines: 500,
  bodyTokens: 5000,
} as const;

/**
 * The most a SKILL.md may hold, in characters: a hundred times the body the specification advises. Past it
 * the file is a runaway (a model reply of a million lines), not a skill; the writers refuse it.
 */
export const SKILL_MD_MAX_CHARS = 500_000;

/** Why a SKILL.md of this many characters is refused, or undefined when it may be written. */
export function skillMdSizeProblem(chars: number): string | undefined {
  if (chars <= SKILL_MD_MAX_CHARS) return undefined;
  return `${chars.toLocaleString('en-US')} characters, over the ${SKILL_MD_MAX_CHARS.toLocaleString('en-US')} a SKILL.md may have`;
}

/** The rough characters-per-token ratio used for the body size estimate. */
export const CHARS_PER_TOKEN = 4;

/** File names a skill folder may use for its SKILL.md, preferred first. */
export const SKILL_MD_NAMES = ['SKILL.md', 'skill.md'] as const;
