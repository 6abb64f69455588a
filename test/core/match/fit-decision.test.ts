import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../src/core/match/embeddings/embedder';
import { DEFAULT_MIN_FIT, describeFit, fitOf } from '../../../src/core/match/fit';
import { FIXED_CUTOFF, SkillMatcher } from '../../../src/core/match/matcher';
import { embedText } from '../../../src/core/match/search';
import { ngramVector } from '../../support/ngram-embedding';
import { labeledQueries, retrievalSkills, toolQueries, toolSkills, type LabeledQuery, type RetrievalSkill } from '../../support/retrieval-set';

/** A small catalog of our own: skills far enough apart that each request below has one answer or none. */
const catalog = [
  { name: 'rotate-secrets', description: 'Rotate a leaked API key or password: issue a new credential, update the secret store, revoke the old one.', headings: ['Issue', 'Revoke'], version: 'v1' },
  { name: 'add-db-migration', description: 'Add a database schema migration for a new table or column and write the rollback.', headings: ['Up and down'], version: 'v1' },
  { name: 'fix-failing-tests', description: 'Run the test suite, find the cause of the first failure and fix it.', headings: ['Reproduce', 'Fix'], version: 'v1' },
  { name: 'docker-build-image', description: 'Write a Dockerfile and build a small container image with multi-stage builds.', headings: ['Base image'], version: 'v1' },
];

function matcher(skills = catalog) {
  const m = new SkillMatcher();
  for (const s of skills) m.upsert(s);
  return m;
}

test('a request a skill clearly fits is accepted, with the fit and what it covers', () => {
  const r = matcher().match('the api key leaked, rotate it and revoke the old credential');
  assert.equal(r.matches[0]?.skill, 'rotate-secrets');
  assert.equal(r.decision?.fits, true);
  assert.ok(r.matches[0].fit! >= DEFAULT_MIN_FIT && r.matches[0].fit! <= 1, String(r.matches[0].fit));
  assert.ok(r.decision!.words >= 4, `covers ${r.decision!.words} words`);
  assert.match(r.matches[0].reasons.at(-1)!, /^fit [01]\.\d\d: covers \d+% of the request in \d+ words$/);
});

test('an unrelated request is declined: nothing to relate to, or too little of it covered', () => {
  const m = matcher();
  const nothing = m.match('how tall is mount everest');
  assert.deepEqual(nothing.matches, []);
  assert.equal(nothing.reason, 'no skill fits: nothing relates to the query');
  const everyday = m.match('recommend a good book to read on the train this weekend');
  assert.deepEqual(everyday.matches, []);
  assert.equal(everyday.decision?.fits, false);
});

test('a request that shares one rare word with a skill but is about something else is declined', () => {
  const m = matcher();
  const photo = 'rotate this holiday photo by ninety degrees';
  // the old fixed cutoff let it through: the one shared word is rare, so its score is high
  const old = m.match(photo, { minScore: FIXED_CUTOFF });
  assert.equal(old.matches[0]?.skill, 'rotate-secrets');
  const r = m.match(photo);
  assert.deepEqual(r.matches, []);
  assert.equal(r.decision?.skill, 'rotate-secrets');
  assert.equal(r.decision?.words, 1);
  assert.ok(r.decision!.fit < DEFAULT_MIN_FIT);
  assert.match(r.reason!, /^no skill fits: best rotate-secrets 0\.\d\d, margin 0\.\d\d, covers \d+% of the request in 1 word \(fit 0\.\d\d < 0\.45\)$/);
});

test('the fit is on 0..1: the share covered, needed less the more words agree', () => {
  assert.equal(fitOf({ share: 0, words: 0 }), 0);
  assert.equal(fitOf({ share: 1, words: 3 }), 1);
  assert.ok(Math.abs(fitOf({ share: 0.25, words: 1 }) - 0.25) < 1e-12);
  assert.ok(Math.abs(fitOf({ share: 0.25, words: 2 }) - 0.5) < 1e-12, 'two agreeing words: the square root');
  // a cosine can vouch on its own, never lower a lexical fit, and never leave the scale
  assert.equal(fitOf({ share: 0.1, words: 1 }, 0.7), 0.7);
  assert.ok(Math.abs(fitOf({ share: 0.81, words: 2 }, 0.2) - 0.9) < 1e-12);
  assert.equal(fitOf({ share: 1, words: 1 }, 1.5), 1);
});

test('the threshold is on the same scale: min fit 0 lists every skill that shares a word, min fit 1 only a full cover', () => {
  const m = matcher();
  const q = 'add a column to the users table and fix the failing tests';
  const all = m.match(q, { minFit: 0 }).matches.map((x) => x.skill);
  assert.ok(all.includes('add-db-migration') && all.includes('fix-failing-tests'), all.join());
  assert.deepEqual(m.match(q, { minFit: 1 }).matches, []);
  assert.deepEqual(m.match('rebuild the docker image', { minFit: 1 }).matches.map((x) => x.skill), []);
  assert.deepEqual(m.match('docker image', { minFit: 1 }).matches.map((x) => x.skill), ['docker-build-image']);
});

test('an explicit minScore is the old fixed cutoff: no fit asked, the old reason', () => {
  const m = matcher();
  const r = m.match('rotate this holiday photo by ninety degrees', { minScore: 0.9 });
  assert.equal(r.decision, undefined);
  assert.match(r.reason!, /^no skill fits: the best, rotate-secrets, scores 0\.\d\d, under 0\.9$/);
  assert.equal(m.match('docker', { minScore: 0 }).matches[0].fit, undefined);
});

test('describeFit names the best skill, its margin and how much it covers', () => {
  const line = describeFit({ fits: false, skill: 'a', best: 0.314, margin: 0.021, coverage: 0.2, words: 1, fit: 0.2, minFit: 0.45 });
  assert.equal(line, 'no skill fits: best a 0.31, margin 0.02, covers 20% of the request in 1 word (fit 0.20 < 0.45)');
  assert.equal(describeFit({ fits: true, skill: 'b', best: 0.5, margin: 0.3, coverage: 0.6, words: 2, fit: 0.77, minFit: 0.45 }), 'fits: best b 0.50, margin 0.30, covers 60% of the request in 2 words (fit 0.77 ≥ 0.45)');
});

// ---- regression on the labelled sets ---------------------------------------------------------------

function decisionOn(skills: RetrievalSkill[], queries: LabeledQuery[], fused: boolean, options: { minScore?: number } = {}) {
  const m = new SkillMatcher();
  for (const s of skills) m.upsert({ ...s, version: 'v1' }, fused ? normalize(ngramVector(embedText(s))) : undefined);
  let fitting = 0;
  let accepted = 0;
  let top5 = 0;
  let none = 0;
  let declined = 0;
  for (const q of queries) {
    const queryVector = fused ? normalize(ngramVector(q.query)) : undefined;
    const matches = m.match(q.query, { k: 5, queryVector, ...options }).matches;
    if (q.skill === null) {
      none++;
      if (matches.length === 0) declined++;
      continue;
    }
    fitting++;
    if (matches.length > 0) accepted++;
    if (m.match(q.query, { k: 5, minScore: 0, queryVector }).matches.some((x) => x.skill === q.skill)) top5++;
  }
  return { balanced: (accepted / fitting + declined / none) / 2, top5: top5 / fitting };
}

for (const fused of [false, true]) {
  const mode = fused ? 'fused with the n-gram stand-in' : 'BM25 alone';
  test(`${mode}: on the retrieval set the default decision has balanced accuracy ≥ 0.75 and the right skill stays in the top 5 for ≥ 80%`, () => {
    const { balanced, top5 } = decisionOn(retrievalSkills(), labeledQueries(), fused);
    assert.ok(balanced >= 0.75, `balanced accuracy ${balanced}`);
    assert.ok(top5 >= 0.8, `top-5 ${top5}`);
  });

  // held out: the threshold was not chosen on it; its descriptions are one short line and 129 of its
  // requests avoid their words, so a lexical matcher finds fewer (see the bench); the floor sits a little
  // under what the bench prints, and above the fixed cutoff's
  test(`${mode}: on the held-out tool-selection set the default decision beats the fixed cutoff`, () => {
    const fit = decisionOn(toolSkills(), toolQueries(), fused);
    const old = decisionOn(toolSkills(), toolQueries(), fused, { minScore: FIXED_CUTOFF });
    assert.ok(fit.balanced >= 0.65, `balanced accuracy ${fit.balanced}`);
    assert.ok(fit.balanced >= old.balanced + 0.05, `fit ${fit.balanced} vs fixed cutoff ${old.balanced}`);
  });
}

test('the decision means the same in a small library: a plain request for the one skill there fits, an unrelated one does not', () => {
  // with one or a few skills every known word is in "all" of them, so catalog idf made each count for little
  // against the request's other words, and a plain request for the only skill was declined
  for (const size of [1, 2, 4]) {
    const m = matcher(catalog.slice(0, size));
    const r = m.match('the api key leaked, please rotate the secret');
    assert.equal(r.matches[0]?.skill, 'rotate-secrets', `${size} skills: ${r.reason}`);
    assert.deepEqual(m.match('recommend a good book to read on the train this weekend').matches, [], `${size} skills`);
    assert.deepEqual(m.match('rotate this holiday photo by ninety degrees').matches, [], `${size} skills`);
  }
  const notes = new SkillMatcher();
  notes.upsert({ name: 'release-notes', version: 'v1', description: 'Handles release-notes tasks. Use when the user works on release-notes.', headings: [] });
  assert.equal(notes.match('Write the release notes for the next version').matches[0]?.skill, 'release-notes');
});
