// Matching's public surface: what the CLI, the extension and the evolution loop import.
export { SkillIndex, headingsOf, type Coverage, type IndexedSkill, type SkillHit } from './skill-index';
export { DEFAULT_MIN_FIT, describeFit, fitOf, type FitDecision } from './fit';
export { SkillMatcher, DEFAULT_MATCHER_SETTINGS, FIXED_CUTOFF, type MatchableSkill, type MatchedSkill, type MatcherSettings, type MatchResult } from './matcher';
export { DEFAULT_WEIGHTS, fuse, rescaleCosine, cosineFloor, type FusionWeights } from './fusion';
export { SkillSearch, embedText, type SearchMatch, type SearchResult, type TrustSummary } from './search';
export { confusablePairs, DEFAULT_CONFUSABILITY_THRESHOLD, type ConfusablePair } from './confusability';
export { detectFeedback, FEEDBACK_LANGUAGES, type FeedbackKind, type FeedbackLanguage, type FeedbackSignal } from './feedback';
export { formatSkillsPrompt, MIN_USES_FOR_RELIABILITY, type FormattedPrompt, type PromptMode, type PromptOptions, type PromptSkill } from './prompt/format';
export * from './registry';
export * from './trust';
export { CachedEmbedder, llmEmbeddings, normalize, type EmbeddingProvider } from './embeddings/embedder';
export { MemoryEmbeddingCache, StoreEmbeddingCache, embeddingKey, type EmbeddingCache } from './embeddings/cache';
