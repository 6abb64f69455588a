import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headingsOf, SkillIndex } from '../../src/core/match/skill-index';

const skills = [
  { name: 'fix-failing-tests', description: 'Run the test suite, read the failure, fix the source. Use when tests fail.', headings: ['Steps', 'Pitfalls'] },
  { name: 'add-db-migration', description: 'Add a SQL migration and apply it. Use when the schema changes.', headings: ['Steps'] },
  { name: 'cut-release', description: 'Bump the version, update the changelog, push the tag. Use when releasing.', headings: ['Steps'] },
];

test('retrieves the right skill first and scores on a 0..1 scale', () => {
  const index = new SkillIndex(skills);
  const hits = index.query('the tests fail after my change, please fix them');
  assert.equal(hits[0].name, 'fix-failing-tests');
  for (const h of hits) assert.ok(h.score > 0 && h.score <= 1, String(h.score));
});

test('the scale does not depend on query length: a long query about the same thing scores about as high', () => {
  const index = new SkillIndex(skills);
  const short = index.query('add migration')[0];
  const long = index.query('please add a migration for the new orders column, then apply the migration and check the schema')[0];
  assert.equal(short.name, 'add-db-migration');
  assert.equal(long.name, 'add-db-migration');
  assert.ok(Math.abs(short.score - long.score) < 0.5, `${short.score} vs ${long.score}`);
});

test('no skill fits: an unrelated query returns nothing above a sensible threshold', () => {
  const index = new SkillIndex(skills);
  assert.deepEqual(index.query('what is a monad in haskell', 8, 0.2), []);
});

test('upsert replaces and remove forgets', () => {
  const index = new SkillIndex(skills);
  index.upsert({ name: 'cut-release', description: 'Deploy to production with helm.', headings: [] });
  assert.equal(index.query('changelog tag release version')[0]?.name === 'cut-release' && index.query('helm deploy production')[0].name, 'cut-release');
  index.remove('cut-release');
  assert.equal(index.size, 2);
  assert.deepEqual(index.query('helm deploy production'), []);
});

test('headings outside code fences', () => {
  assert.deepEqual(headingsOf('# A\ntext\n```\n# not\n```\n## B ##\n'), ['A', 'B']);
});
