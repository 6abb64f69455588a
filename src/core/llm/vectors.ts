import { LlmError, type LlmCall } from './errors';

/**
 * An embeddings reply must hold one finite vector per text, all of one length (and the length of vectors
 * already received for the same request). Anything else would poison the index quietly, so it is an error.
 */
export function checkVectors(vectors: unknown, count: number, dimension: number | undefined, call: LlmCall): asserts vectors is number[][] {
  const fail = (why: string): never => {
    throw new LlmError('malformed-output', call, `the embeddings reply is unusable: ${why}`, { retryable: false });
  };
  if (!Array.isArray(vectors)) return fail('it holds no list of vectors');
  if (vectors.length !== count) fail(`${vectors.length} vectors for ${count} texts`);
  const dim = dimension ?? (Array.isArray(vectors[0]) ? vectors[0].length : 0);
  if (dim === 0) fail('the vectors are empty');
  vectors.forEach((v, i) => {
    if (!Array.isArray(v) || v.length !== dim) fail(`vector ${i} has ${Array.isArray(v) ? v.length : 'no'} dimensions, expected ${dim}`);
    if (!(v as unknown[]).every((x) => typeof x === 'number' && Number.isFinite(x))) fail(`vector ${i} holds a value that is not a finite number`);
  });
}
