import type { Handler } from './openai-server';

/**
 * A deterministic stand-in for an embedding model, for tests and benchmarks where no model is reachable:
 * character 3- and 4-grams of each word (with word boundaries marked) hashed into `dims` buckets with a
 * hashed sign, weighted by log term frequency, unit length. It knows spelling, not meaning: "tests" and
 * "testing" land close, "container" and "docker" do not.
 */
export function ngramVector(text: string, dims = 256): number[] {
  const v = new Array<number>(dims).fill(0);
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = `<${word}>`;
    for (const n of [3, 4]) for (let i = 0; i + n <= padded.length; i++) counts.set(padded.slice(i, i + n), (counts.get(padded.slice(i, i + n)) ?? 0) + 1);
  }
  for (const [gram, count] of counts) {
    const h = fnv1a(gram);
    v[h % dims] += (h & 0x80000000 ? -1 : 1) * (1 + Math.log(count));
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A scripted-server handler that answers every embeddings request with n-gram vectors. */
export const ngramEmbeddings: Handler = (req, endpoint) => {
  if (endpoint !== 'embeddings') return undefined;
  const input: unknown = req.body?.input;
  const texts = (Array.isArray(input) ? input : [input]).map((t) => String(t));
  return { type: 'embeddings', vectors: texts.map((t) => ngramVector(t)) };
};
