import { estimateTokens } from '../../llm/token-estimate';
import type { TrustSummary } from '../search';
import { defuseFrameTags, escapeAttribute, escapeText } from './escape';

export type PromptMode = 'full' | 'compact' | 'auto';

/** A skill as the prompt shows it. */
export interface PromptSkill {
  name: string;
  version?: string;
  description: string;
  body: string;
  /** The folder's other files (references/, scripts/, …): named, never inlined. */
  files?: readonly string[];
  trust?: TrustSummary;
}

export interface PromptOptions {
  mode?: PromptMode;
  /** Tokens the skills may take (estimated at four characters a token); unlimited when absent. */
  budget?: number;
  /** Reliability and use counts appear once a version has this many scored uses. */
  minUsesForReliability?: number;
}

export interface FormattedPrompt {
  text: string;
  /** The mode used (`auto` resolved). */
  mode: 'full' | 'compact';
  tokens: number;
  included: string[];
  /** Skills left out to stay within the budget, lowest ranked first to go. */
  omitted: string[];
}

export const MIN_USES_FOR_RELIABILITY = 5;

/**
 * The skills, best first, as a block for agents that take skills through their prompt.
 * - `full`: description and instructions of each skill, its other files by name;
 * - `compact`: name and description only;
 * - `auto`: full when the full block fits the budget, else compact.
 * The skills that fit the budget are kept best first; the first that does not fit and all below it are
 * left out. Only a trusted skill's instructions keep
 * their markup; everything else from a skill is escaped so it cannot close or open the surrounding tags.
 * A quarantined skill is named but its instructions are withheld.
 */
export function formatSkillsPrompt(skills: readonly PromptSkill[], options: PromptOptions = {}): FormattedPrompt {
  const mode = options.mode ?? 'auto';
  const minUses = options.minUsesForReliability ?? MIN_USES_FOR_RELIABILITY;
  const full = fit(skills.map((s) => fullEntry(s, minUses)), 'full', options.budget);
  if (mode === 'full' || (mode === 'auto' && full.omitted.length === 0)) return finish(full, skills);
  return finish(fit(skills.map((s) => compactEntry(s, minUses)), 'compact', options.budget), skills);
}

interface Fitted {
  mode: 'full' | 'compact';
  entries: string[];
  /** Indexes of the skills left out. */
  omitted: number[];
}

function fit(entries: string[], mode: 'full' | 'compact', budget: number | undefined): Fitted {
  const open = mode === 'compact' ? '<available_skills mode="compact">' : '<available_skills>';
  // counted on the assembled text, so the budget check and the reported tokens agree exactly
  let text = `${open}\n</available_skills>\n`;
  const kept: string[] = [];
  const omitted: number[] = [];
  // best first: once one does not fit, it and everything ranked below it are left out
  entries.forEach((entry, i) => {
    const next = text + entry + '\n';
    if (omitted.length > 0 || (budget !== undefined && estimateTokens(next) > budget)) omitted.push(i);
    else {
      kept.push(entry);
      text = next;
    }
  });
  return { mode, entries: kept, omitted };
}

function finish(f: Fitted, skills: readonly PromptSkill[]): FormattedPrompt {
  const omittedNames = f.omitted.map((i) => skills[i].name);
  const included = skills.map((s) => s.name).filter((n) => !omittedNames.includes(n));
  if (f.entries.length === 0) return { text: '', mode: f.mode, tokens: 0, included: [], omitted: omittedNames };
  const open = f.mode === 'compact' ? '<available_skills mode="compact">' : '<available_skills>';
  const text = `${open}\n${f.entries.join('\n')}\n</available_skills>\n`;
  return { text, mode: f.mode, tokens: estimateTokens(text), included, omitted: omittedNames };
}

function attributes(s: PromptSkill, minUses: number): string {
  const parts = [`name="${escapeAttribute(s.name)}"`];
  if (s.version) parts.push(`version="${escapeAttribute(shortVersion(s.version))}"`);
  if (s.trust) parts.push(`trust="${s.trust.level}"`);
  if (s.trust && s.trust.uses >= minUses) parts.push(`reliability="${Math.round(s.trust.mean * 100)}%"`, `uses="${s.trust.uses}"`);
  return parts.join(' ');
}

function isTrusted(s: PromptSkill): boolean {
  return s.trust?.level === 'trusted';
}

function fullEntry(s: PromptSkill, minUses: number): string {
  const lines = [`<skill ${attributes(s, minUses)}>`, `<description>${escapeText(s.description)}</description>`];
  if (s.trust?.level === 'quarantined') {
    lines.push('<instructions>This skill is quarantined; its instructions are withheld until a person reviews it.</instructions>');
  } else {
    const body = s.body.replace(/^\s*\n/, '').replace(/\s+$/, '');
    lines.push('<instructions>', isTrusted(s) ? defuseFrameTags(body) : escapeText(body), '</instructions>');
    if (s.files && s.files.length > 0) lines.push(`<files>${escapeText(s.files.join(', '))}</files>`);
  }
  lines.push('</skill>');
  return lines.join('\n');
}

function compactEntry(s: PromptSkill, minUses: number): string {
  return `<skill ${attributes(s, minUses)} description="${escapeAttribute(s.description)}"/>`;
}

/** A commit id cut to 12 characters; a content-hash version (`sha256:…`) is already short. */
function shortVersion(version: string): string {
  return /^[0-9a-f]{13,}$/i.test(version) ? version.slice(0, 12) : version;
}
