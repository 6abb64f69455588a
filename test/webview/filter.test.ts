import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupId, SkillNode, TreeModel } from '../../webview/protocol';
import { countSkills, filterModel } from '../../webview/sidebar/filter';

const node = (group: GroupId, name: string, description: string, reason?: string): SkillNode => ({
  key: `${group}/${name}`,
  group,
  name,
  description,
  version: 'a'.repeat(40),
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...(reason ? { reason } : {}),
});

const model: TreeModel = {
  library: '/l',
  notices: [],
  groups: [
    { id: 'active', label: 'Active', skills: [node('active', 'git-bisect', 'Find the commit that broke a test.'), node('active', 'python-venv-setup', 'Create a virtual environment.')] },
    { id: 'candidates', label: 'Candidates', skills: [node('candidates', 'git-bisect', 'Find the commit.', 'revision: bisect a clean tree')] },
    { id: 'drafts', label: 'Drafts', skills: [node('drafts', 'fix-test-fail', 'Fix a failing test.')] },
  ],
};

test('the filter keeps skills whose name, description or reason hold every word, in any case', () => {
  const keys = (text: string) => filterModel(model, text).groups.flatMap((g) => g.skills.map((s) => s.key));
  assert.deepEqual(keys('bisect'), ['active/git-bisect', 'candidates/git-bisect']);
  assert.deepEqual(keys('TEST'), ['active/git-bisect', 'drafts/fix-test-fail']);
  assert.deepEqual(keys('clean tree'), ['candidates/git-bisect'], 'the proposal reason counts');
  assert.deepEqual(keys('commit fix'), [], 'every word must match');
  assert.deepEqual(keys('   '), keys(''), 'blank is no filter');
  assert.equal(countSkills(filterModel(model, '')), 4);
  assert.equal(filterModel(model, 'zzz').groups.length, 3, 'groups stay while filtering');
});
