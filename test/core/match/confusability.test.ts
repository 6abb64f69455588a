import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confusablePairs } from '../../../src/core/match/confusability';
import { normalize } from '../../../src/core/match/embeddings/embedder';
import { SkillMatcher } from '../../../src/core/match/matcher';
import { embedText } from '../../../src/core/match/search';
import { ngramVector } from '../../support/ngram-embedding';

const skills = [
  { name: 'deploy-staging', description: 'Deploy the web app to the staging Kubernetes cluster with helm and watch the rollout.', headings: ['Helm upgrade', 'Rollout'] },
  { name: 'deploy-production', description: 'Deploy the web app to the production Kubernetes cluster with helm and watch the rollout.', headings: ['Helm upgrade', 'Rollout'] },
  { name: 'write-readme', description: 'Write a README for a repository: install, quick start, contributing.', headings: ['Install'] },
  { name: 'clean-csv', description: 'Clean a CSV file with pandas: dates, duplicates, missing values.', headings: ['Load'] },
];

for (const fused of [false, true]) {
  test(`near-duplicate skills are reported with their score, distinct ones are not (${fused ? 'fused' : 'BM25'})`, () => {
    const m = new SkillMatcher();
    for (const s of skills) m.upsert({ ...s, version: 'v' }, fused ? normalize(ngramVector(embedText(s))) : undefined);
    const names = skills.map((s) => s.name);
    const pairs = confusablePairs(m, names);
    assert.deepEqual(pairs.map((p) => [p.a, p.b]), [['deploy-production', 'deploy-staging']]);
    assert.ok(pairs[0].score >= 0.7 && pairs[0].score <= 1, String(pairs[0].score));
    assert.equal(pairs[0].cosine !== undefined, fused);
    const all = confusablePairs(m, names, 0);
    assert.equal(all.length, 6, 'every pair at threshold 0');
    assert.ok(all.every((p, i) => i === 0 || all[i - 1].score >= p.score), 'sorted, best first');
    assert.ok(all.slice(1).every((p) => p.score < 0.3), JSON.stringify(all));
  });
}
