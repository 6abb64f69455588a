import { describeError } from '../errors';
import type { CachedEmbedder } from './embeddings/embedder';
import { SkillMatcher, type MatchedSkill, type MatcherSettings, type MatchResult } from './matcher';
import type { RegisteredSkill } from './registry/load-skill';
import type { RegistryChange, SkillRegistry } from './registry/registry';
import type { TrustLevel } from './trust/levels';
import type { TrustStore } from './trust/trust-store';

/** What an agent is told about how far to trust a matched skill. */
export interface TrustSummary {
  level: TrustLevel;
  successes: number;
  failures: number;
  uses: number;
  mean: number;
  lower: number;
}

export interface SearchMatch extends MatchedSkill {
  source: string;
  trust?: TrustSummary;
}

export interface SearchResult extends Omit<MatchResult, 'matches'> {
  query: string;
  matches: SearchMatch[];
  /** Said when something fell back (embeddings unreachable, say). */
  notices: string[];
}

export interface SearchDeps {
  registry: SkillRegistry;
  /** Fused matching when given; BM25 alone otherwise. */
  embedder?: CachedEmbedder;
  trust?: TrustStore;
  settings?: Partial<MatcherSettings>;
}

/** The text embedded for a skill: the same fields BM25 reads. Only a change here costs a new embedding. */
export function embedText(skill: Pick<RegisteredSkill, 'name' | 'description' | 'headings'>): string {
  return [skill.name.replace(/-/g, ' '), skill.description, skill.headings.join('; ')].filter(Boolean).join('\n');
}

/**
 * Matching over a registry: indexes every skill once, then follows the registry's changes one skill at a
 * time (a changed skill is re-indexed and, if its embedded text changed, re-embedded: nothing else is).
 * Blocked skills are never returned; every match carries its trust.
 */
export class SkillSearch {
  readonly matcher: SkillMatcher;
  readonly notices: string[] = [];
  private embedder?: CachedEmbedder;
  private updates: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  private constructor(private readonly deps: SearchDeps) {
    this.matcher = new SkillMatcher(deps.settings);
    this.embedder = deps.embedder;
    this.unsubscribe = deps.registry.onChange((change) => {
      this.updates = this.updates.then(() => this.apply(change)).catch((e) => void this.notices.push(`could not re-index: ${describeError(e)}`));
    });
  }

  static async open(deps: SearchDeps, signal?: AbortSignal): Promise<SkillSearch> {
    const search = new SkillSearch(deps);
    await search.indexAll(deps.registry.all(), signal);
    return search;
  }

  get fused(): boolean {
    return this.embedder !== undefined;
  }

  get registry(): SkillRegistry {
    return this.deps.registry;
  }

  /** Resolves once every registry change seen so far is in the index. */
  async settled(): Promise<void> {
    await this.deps.registry.settled();
    await this.updates;
  }

  /** `minFit` overrides the settings' fit threshold; `minScore` is the older fixed cutoff instead of the fit (matcher.ts). */
  async match(query: string, options: { k?: number; minFit?: number; minScore?: number; signal?: AbortSignal } = {}): Promise<SearchResult> {
    await this.updates;
    const notices: string[] = [];
    let queryVector: Float32Array | undefined;
    if (this.embedder) {
      try {
        queryVector = await this.embedder.embedQuery(query, options.signal);
      } catch (e) {
        notices.push(`embeddings unavailable, matched with BM25 alone: ${describeError(e)}`);
      }
    }
    const k = options.k ?? 5;
    // ask for a few extra: blocked skills are dropped after scoring
    const result = this.matcher.match(query, { k: k + 5, minFit: options.minFit, minScore: options.minScore, queryVector });
    const matches = result.matches
      .map((m) => this.withTrust(m))
      .filter((m) => m.trust?.level !== 'blocked')
      .slice(0, k);
    const ambiguous = result.ambiguous && matches.length >= 2 && matches[0].score - matches[1].score < this.matcher.settings.ambiguityMargin;
    const reason = matches.length === 0 ? (result.matches.length > 0 ? 'no skill fits: every match is blocked' : result.reason) : ambiguous ? result.reason : undefined;
    return { query, mode: result.mode, matches, ambiguous, ...(reason ? { reason } : {}), ...(result.decision ? { decision: result.decision } : {}), notices };
  }

  trustOf(skill: string, version: string): TrustSummary | undefined {
    if (!this.deps.trust) return undefined;
    const s = this.deps.trust.state({ skill, version });
    return { level: s.level, successes: s.successes, failures: s.failures, uses: s.uses, mean: s.mean, lower: s.lower };
  }

  close(): void {
    this.unsubscribe();
  }

  private withTrust(m: MatchedSkill): SearchMatch {
    const skill = this.deps.registry.get(m.skill);
    const trust = this.trustOf(m.skill, m.version);
    const reasons = trust ? [...m.reasons, `trust ${trust.level}${trust.uses ? ` (${trust.successes}/${trust.uses} succeeded)` : ''}`] : m.reasons;
    return { ...m, reasons, source: skill?.source ?? '', ...(trust ? { trust } : {}) };
  }

  private async indexAll(skills: RegisteredSkill[], signal?: AbortSignal): Promise<void> {
    const vectors = await this.vectorsFor(skills, signal);
    skills.forEach((s, i) => this.matcher.upsert(s, vectors?.[i]));
  }

  private async apply(change: RegistryChange): Promise<void> {
    if (change.type === 'remove') {
      this.matcher.remove(change.name);
      return;
    }
    const [vector] = (await this.vectorsFor([change.skill])) ?? [];
    this.matcher.upsert(change.skill, vector);
  }

  /** Vectors through the cache; an endpoint that fails turns embeddings off for this search, with a notice. */
  private async vectorsFor(skills: RegisteredSkill[], signal?: AbortSignal): Promise<Float32Array[] | undefined> {
    if (!this.embedder || skills.length === 0) return undefined;
    try {
      return await this.embedder.embedAll(skills.map(embedText), signal);
    } catch (e) {
      this.notices.push(`embeddings unavailable, matching with BM25 alone: ${describeError(e)}`);
      this.embedder = undefined;
      return undefined;
    }
  }
}
