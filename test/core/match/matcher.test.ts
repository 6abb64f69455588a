import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../src/core/match/embeddings/embedder';
import { SkillMatcher } from '../../../src/core/match/matcher';
import { embedText } from '../../../src/core/match/search';
import { SkillIndex } from '../../../src/core/match/skill-index';
import { ngramVector } from '../../support/ngram-embedding';
import { labeledQueries, retrievalSkills } from '../../support/retrieval-set';

const skills = [
  { name: 'rebase-branch', description: 'Rebase a feature branch onto main and force-push with lease. Use when a branch is behind main.', headings: ['Fetch', 'Rebase'], version: 'v1' },
  { name: 'resolve-merge-conflicts', description: 'Resolve merge conflicts after a pull or merge. Use when git stops with conflicts.', headings: ['Markers'], version: 'v2' },
  { name: 'cut-release', description: 'Bump the version, update the changelog, tag and publish. Use when releasing.', headings: ['Tag'], version: 'v3' },
];

test('best first, with version, score and reasons; nothing under the minimum score', () => {
  const m = new SkillMatcher();
  for (const s of skills) m.upsert(s);
  const r = m.match('rebase my branch onto main');
  assert.equal(r.mode, 'bm25');
  assert.equal(r.matches[0].skill, 'rebase-branch');
  assert.equal(r.matches[0].version, 'v1');
  assert.match(r.matches[0].reasons[0], /^bm25 0\.\d\d: .*rebas/);
  assert.ok(r.matches.every((x) => x.score >= m.settings.minScore));
});

test('"no skill fits" is an answer, with the reason', () => {
  const m = new SkillMatcher();
  for (const s of skills) m.upsert(s);
  const none = m.match('bake a sourdough loaf');
  assert.deepEqual(none.matches, []);
  assert.equal(none.reason, 'no skill fits: nothing relates to the query');
  const weak = m.match('tag the photo album', { minScore: 0.9 });
  assert.deepEqual(weak.matches, []);
  assert.match(weak.reason!, /^no skill fits: the best, cut-release, scores 0\.\d\d, under 0\.9$/);
  assert.equal(new SkillMatcher().match('anything').reason, 'no skills to match');
});

test('two skills too close to tell apart are flagged', () => {
  const m = new SkillMatcher();
  m.upsert({ name: 'deploy-staging', description: 'Deploy the app to the staging cluster with helm.', headings: [], version: 'a' });
  m.upsert({ name: 'deploy-production', description: 'Deploy the app to the production cluster with helm.', headings: [], version: 'b' });
  const r = m.match('deploy the app with helm');
  assert.equal(r.ambiguous, true);
  assert.match(r.reason!, /^too close to tell apart: deploy-\w+ 0\.\d\d vs deploy-\w+ 0\.\d\d$/);
  assert.equal(m.match('deploy the app to production').ambiguous, false);
});

test('upsert replaces a skill (and drops its old vector); remove forgets it', () => {
  const m = new SkillMatcher();
  for (const s of skills) m.upsert(s, normalize(ngramVector(embedText(s))));
  assert.equal(m.vectorCount, 3);
  m.upsert({ ...skills[2], description: 'Provision a database with terraform.', version: 'v4' });
  assert.equal(m.vectorCount, 2);
  assert.equal(m.match('terraform database', { minScore: 0.01 }).matches[0].version, 'v4');
  m.remove('cut-release');
  assert.equal(m.size, 2);
  assert.deepEqual(m.match('terraform database').matches, []);
});

test('fused matching explains both signals', () => {
  const m = new SkillMatcher();
  for (const s of skills) m.upsert(s, normalize(ngramVector(embedText(s))));
  const r = m.match('resolve the conflicts from my merge', { queryVector: normalize(ngramVector('resolve the conflicts from my merge')) });
  assert.equal(r.mode, 'fused');
  assert.equal(r.matches[0].skill, 'resolve-merge-conflicts');
  assert.match(r.matches[0].reasons[1], /^embedding 0\.\d\d \(cosine 0\.\d\d over a floor of 0\.\d\d\)$/);
  assert.ok(r.matches[0].cosine !== undefined && r.matches[0].bm25 > 0);
});

test('per-word scores are kept until the index changes: warm, cold and changed indexes agree', () => {
  const all = retrievalSkills();
  const warm = new SkillIndex(all);
  const queries = labeledQueries().slice(0, 40).map((q) => q.query);
  const first = queries.map((q) => warm.query(q, 5));
  assert.deepEqual(queries.map((q) => warm.query(q, 5)), first, 'a second pass (cached words) gives the same answers');
  warm.remove(all[0].name);
  warm.upsert({ ...all[1], description: all[1].description + ' Also covers flaky snapshot tests.' });
  const fresh = new SkillIndex([{ ...all[1], description: all[1].description + ' Also covers flaky snapshot tests.' }, ...all.slice(2)]);
  for (const q of queries) {
    const a = warm.query(q, 5);
    const b = fresh.query(q, 5);
    assert.deepEqual(a.map((h) => h.name), b.map((h) => h.name), q);
    a.forEach((h, i) => assert.ok(Math.abs(h.score - b[i].score) < 1e-12, q));
  }
});

test('the SIMD vector scan and the plain loop rank every query alike, at 1,536 dimensions too', () => {
  const base = retrievalSkills();
  for (const dims of [256, 1536]) {
    const simd = new SkillMatcher();
    const plain = new SkillMatcher({}, { simd: false });
    base.forEach((s, i) => {
      const v = normalize(ngramVector(embedText(s), dims));
      simd.upsert({ ...s, version: String(i) }, v);
      plain.upsert({ ...s, version: String(i) }, v);
    });
    for (const q of labeledQueries()) {
      const v = normalize(ngramVector(q.query, dims));
      const a = simd.match(q.query, { queryVector: v, minScore: 0, k: 5 }).matches;
      const b = plain.match(q.query, { queryVector: v, minScore: 0, k: 5 }).matches;
      assert.equal(a.length, b.length, q.query);
      a.forEach((m, i) => assert.ok(Math.abs(m.score - b[i].score) < 1e-5, `${dims}: ${q.query}: ${m.skill} ${m.score} vs ${b[i].skill} ${b[i].score}`));
      assert.equal(a[0]?.skill, b[0]?.skill, `${dims}: ${q.query}`);
    }
  }
});
