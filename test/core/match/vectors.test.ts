import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../src/core/match/embeddings/embedder';
import { VectorIndex } from '../../../src/core/match/vector-index';
import { RowMatrix } from '../../../src/core/match/vectors/row-matrix';

/** Deterministic unit vectors (a seeded generator), so a failure reproduces. */
function unitVectors(count: number, dims: number, seed: number): Float32Array[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296 - 0.5;
  };
  return Array.from({ length: count }, () => normalize(Array.from({ length: dims }, next)));
}

function exactDot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

test('WebAssembly SIMD is available here, so the benchmarks measure the SIMD scan', () => {
  assert.equal(new RowMatrix(256).simd, true);
  assert.equal(new RowMatrix(256, { simd: false }).simd, false);
});

test('every cosine of a scan is within 1e-5 of the float64 dot product, SIMD and plain loop alike, at any length', () => {
  for (const dims of [3, 8, 13, 256, 384, 1536, 3072]) {
    const rows = unitVectors(300, dims, dims);
    const [query] = unitVectors(1, dims, dims + 1);
    for (const simd of [true, false]) {
      const m = new RowMatrix(dims, { simd });
      m.reserve(rows.length);
      rows.forEach((v, r) => m.setRow(r, v));
      const out = m.dotAll(query, rows.length);
      assert.equal(out.length, rows.length);
      rows.forEach((v, r) => {
        const exact = exactDot(v, query);
        assert.ok(Math.abs(out[r] - exact) < 1e-5, `${dims} dims, simd ${simd}, row ${r}: ${out[r]} vs ${exact}`);
      });
    }
  }
});

test('growing keeps every row; a deleted skill\'s row is taken by the last, and scans follow', () => {
  const dims = 100;
  const vectors = unitVectors(1000, dims, 7);
  const index = new VectorIndex();
  vectors.forEach((v, i) => index.set(`s${i}`, v));
  assert.equal(index.size, 1000);
  assert.ok(index.bytes >= 1000 * 104 * 4, `${index.bytes} bytes`);
  index.delete('s3');
  index.delete('s999');
  index.set('s10', vectors[11]);
  const [query] = unitVectors(1, dims, 8);
  const { names, values } = index.cosines(query);
  assert.equal(names.length, 998);
  assert.ok(!names.includes('s3') && !names.includes('s999'));
  names.forEach((name, r) => {
    const i = name === 's10' ? 11 : Number(name.slice(1));
    assert.ok(Math.abs(values[r] - exactDot(vectors[i], query)) < 1e-5, name);
  });
  assert.deepEqual(index.vectorOf('s10'), vectors[11]);
  assert.ok(Math.abs(index.cosineBetween('s10', 's11')! - 1) < 1e-6);
});

test('the mean pairwise cosine from the sum vector equals the mean over every pair', () => {
  const vectors = unitVectors(40, 16, 3);
  const index = new VectorIndex();
  vectors.forEach((v, i) => index.set(`s${i}`, v));
  index.delete('s5');
  const kept = vectors.filter((_, i) => i !== 5);
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < kept.length; a++) for (let b = a + 1; b < kept.length; b++, pairs++) sum += exactDot(kept[a], kept[b]);
  assert.ok(Math.abs(index.meanPairwiseCosine() - sum / pairs) < 1e-9);
});

test('a vector of another length is refused, naming the skill', () => {
  const index = new VectorIndex();
  index.set('a', normalize([1, 0, 0]));
  assert.throws(() => index.set('b', normalize([1, 0])), /embedding of "b" has 2 dimensions; the index holds 3/);
});
