import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../src/core/match/embeddings/embedder';
import { cosineFloor, fuse, rescaleCosine } from '../../../src/core/match/fusion';
import { DEFAULT_MATCHER_SETTINGS, FIXED_CUTOFF, SkillMatcher } from '../../../src/core/match/matcher';
import { embedText } from '../../../src/core/match/search';
import { ngramVector } from '../../support/ngram-embedding';
import { labeledQueries, retrievalSkills } from '../../support/retrieval-set';

/**
 * The scale every threshold is compared with. zeph's rank fusion capped every score at 2/61 while the
 * injection threshold stayed at 0.20, so no skill was ever injected; these tests pin what a score means so
 * that a change of fusion cannot silently move thresholds again.
 */

test('fusion is a weighted mean: never outside the range of its inputs, and the identity when they agree', () => {
  for (const [b, c] of [[0, 0], [1, 1], [0.3, 0.3], [0.2, 0.9], [0.9, 0.2], [0, 1]]) {
    const f = fuse(b, c);
    assert.ok(f >= Math.min(b, c) - 1e-12 && f <= Math.max(b, c) + 1e-12, `${b}, ${c} → ${f}`);
  }
  assert.ok(Math.abs(fuse(0.42, 0.42) - 0.42) < 1e-12);
  assert.equal(fuse(0.42, undefined), 0.42, 'a skill without a vector keeps its BM25 score');
  assert.equal(fuse(2, 2), 1, 'clamped to 0..1');
});

test('cosines are rescaled against the query\'s own floor: the unrelated bulk lands at 0, an identical text at 1', () => {
  const values = [0.95, 0.31, 0.29, 0.3, 0.3];
  const floor = cosineFloor(values);
  assert.equal(floor, 0.3);
  assert.equal(rescaleCosine(0.3, floor), 0);
  assert.equal(rescaleCosine(0.2, floor), 0, 'below the floor is 0, not negative');
  assert.equal(rescaleCosine(1, floor), 1);
  assert.ok(Math.abs(rescaleCosine(0.65, floor) - 0.5) < 1e-12);
  // a model whose unrelated texts sit at 0.75 gets the same scale: the floor moves, the meaning does not
  const shifted = [0.99, 0.76, 0.74, 0.75, 0.75];
  assert.ok(Math.abs(rescaleCosine(0.875, cosineFloor(shifted)) - 0.5) < 1e-12);
});

const skills = retrievalSkills();
const queries = labeledQueries();

function matchers() {
  const bm25 = new SkillMatcher();
  const fused = new SkillMatcher();
  for (const s of skills) {
    bm25.upsert({ ...s, version: 'v1' });
    fused.upsert({ ...s, version: 'v1' }, normalize(ngramVector(embedText(s))));
  }
  return { bm25, fused };
}

function decisions(matcher: SkillMatcher, vectors: boolean) {
  let rightKept = 0;
  let right = 0;
  let noFitRefused = 0;
  let noFit = 0;
  const rightScores: number[] = [];
  for (const q of queries) {
    const queryVector = vectors ? normalize(ngramVector(q.query)) : undefined;
    const top = matcher.match(q.query, { minScore: 0, queryVector }).matches[0];
    const fits = matcher.match(q.query, { queryVector }).matches.length > 0;
    if (q.skill === null) {
      noFit++;
      if (!fits) noFitRefused++;
    } else if (top?.skill === q.skill) {
      right++;
      rightScores.push(top.score);
      if (fits) rightKept++;
    }
  }
  rightScores.sort((a, b) => a - b);
  return { kept: rightKept / right, refused: noFitRefused / noFit, median: rightScores[Math.floor(rightScores.length / 2)] };
}

test('the default decision means the same with BM25 alone and fused: right answers pass, no-fit requests do not', () => {
  const { bm25, fused } = matchers();
  const lexical = decisions(bm25, false);
  const both = decisions(fused, true);
  // most right first answers pass the fit either way...
  assert.ok(lexical.kept >= 0.75, `BM25 keeps ${lexical.kept}`);
  assert.ok(both.kept >= 0.75, `fused keeps ${both.kept}`);
  // ...most requests no skill fits are turned away either way...
  assert.ok(lexical.refused >= 0.65, `BM25 turns away ${lexical.refused}`);
  assert.ok(both.refused >= 0.65, `fused turns away ${both.refused}`);
  // ...and a right answer scores about the same on both scales (a rank fusion would put it near 0.03)
  assert.ok(Math.abs(lexical.median - both.median) < 0.1, `median right score ${lexical.median} (BM25) vs ${both.median} (fused)`);
  assert.ok(both.median > 2 * FIXED_CUTOFF * 0.75, `fused median ${both.median}`);
});

test('every listed match fits: its fit, like its score, lies on 0..1 and at least at the threshold', () => {
  const { bm25, fused } = matchers();
  for (const q of queries.slice(0, 120)) {
    for (const [m, v] of [[bm25, undefined], [fused, normalize(ngramVector(q.query))]] as const) {
      const r = m.match(q.query, { queryVector: v });
      for (const x of r.matches) {
        assert.ok(x.score >= 0 && x.score <= 1 && x.fit! >= DEFAULT_MATCHER_SETTINGS.minFit && x.fit! <= 1, `${q.query}: ${x.skill} ${x.score} fit ${x.fit}`);
        assert.ok(x.coverage! >= 0 && x.coverage! <= 1);
      }
      const d = r.decision!;
      assert.ok(d.fit >= 0 && d.fit <= 1 && d.coverage >= 0 && d.coverage <= 1 && d.best >= 0 && d.best <= 1, JSON.stringify(d));
      assert.equal(d.fits, r.matches.length > 0);
    }
  }
});

test('a query that is a skill\'s own description scores near the top of the scale, fused or not', () => {
  const { bm25, fused } = matchers();
  for (const s of skills.slice(0, 10)) {
    const own = bm25.match(s.description, { k: 1 }).matches[0];
    const ownFused = fused.match(s.description, { k: 1, queryVector: normalize(ngramVector(s.description)) }).matches[0];
    assert.equal(own.skill, s.name);
    assert.equal(ownFused.skill, s.name);
    assert.ok(own.score >= 0.35 && ownFused.score >= 0.35, `${s.name}: ${own.score} / ${ownFused.score}`);
  }
});
