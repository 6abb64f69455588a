import type { LlmClient } from '../../llm/types';
import { embeddingKey, MemoryEmbeddingCache, type EmbeddingCache } from './cache';

/** Something that turns texts into vectors: an embeddings endpoint behind the LLM layer, or a test double's server. */
export interface EmbeddingProvider {
  /** Names the vector space; cached vectors of one model never answer for another. */
  readonly model: string;
  embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}

/** The LLM client's embeddings (rate limits, retries and the token ledger included). */
export function llmEmbeddings(client: LlmClient, model: string): EmbeddingProvider | undefined {
  const embed = client.embed;
  if (!embed) return undefined;
  return {
    model,
    embed: async (texts, signal) => (await embed.call(client, { stage: 'match', texts, signal })).vectors,
  };
}

/** Unit length, so a dot product is a cosine. A zero vector stays zero (it matches nothing). */
export function normalize(vector: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i] * vector[i];
  norm = Math.sqrt(norm);
  const out = new Float32Array(vector.length);
  if (norm > 0) for (let i = 0; i < vector.length; i++) out[i] = vector[i] / norm;
  return out;
}

/** Embeds through a cache: only texts it has not seen for this model reach the provider, in one request. */
export class CachedEmbedder {
  /** Texts sent to the provider since this embedder was made. */
  embedded = 0;

  constructor(
    readonly provider: EmbeddingProvider,
    private readonly cache: EmbeddingCache = new MemoryEmbeddingCache(),
  ) {}

  get model(): string {
    return this.provider.model;
  }

  async embedAll(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const keys = texts.map((t) => embeddingKey(this.provider.model, t));
    const out: (Float32Array | undefined)[] = keys.map((k) => this.cache.get(k));
    const missing = [...new Set(texts.filter((_, i) => !out[i]))];
    if (missing.length > 0) {
      const vectors = await this.provider.embed(missing, signal);
      this.embedded += missing.length;
      const fresh = new Map(missing.map((t, i) => [t, normalize(vectors[i])]));
      texts.forEach((t, i) => {
        if (out[i]) return;
        out[i] = fresh.get(t)!;
        this.cache.put(keys[i], this.provider.model, out[i]!);
      });
    }
    return out as Float32Array[];
  }

  /** A query's vector; queries are not cached (they are the user's words, and rarely repeat). */
  async embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    const [vector] = await this.provider.embed([text], signal);
    return normalize(vector);
  }
}
