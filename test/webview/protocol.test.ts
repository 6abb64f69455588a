import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_BROWSER_STATE, parseHostMessage, parseViewMessage } from '../../webview/protocol';

const version = 'a'.repeat(40);

test('the host accepts only the webview messages the protocol lists', () => {
  const good = [
    { type: 'ready' },
    { type: 'state', state: EMPTY_BROWSER_STATE },
    { type: 'children', key: 'active/git-bisect', skill: 'git-bisect', group: 'active' },
    { type: 'action', action: 'acceptCandidate', target: { skill: 'git-bisect' } },
    { type: 'action', action: 'openSession', target: { skill: 'git-bisect', session: 'codex:0199', turn: 3 } },
    { type: 'action', action: 'openVersion', target: { skill: 'git-bisect', version: 'abc1234' } },
    { type: 'command', command: 'distillNow' },
  ];
  for (const m of good) assert.deepEqual(parseViewMessage(m), m, JSON.stringify(m));
  const bad = [
    null,
    'ready',
    [],
    { type: 'READY' },
    { type: 'ready', extra: 1 },
    { type: 'run', script: 'x' },
    { type: 'action', action: 'deleteEverything', target: { skill: 'git-bisect' } },
    { type: 'action', action: 'acceptCandidate', target: { skill: '../../etc' } },
    { type: 'action', action: 'acceptCandidate', target: { skill: 'Git-Bisect' } },
    { type: 'action', action: 'openVersion', target: { skill: 'git-bisect', version: 'HEAD~1' } },
    { type: 'action', action: 'openSession', target: { skill: 'git-bisect', session: 'x', turn: -1 } },
    { type: 'action', action: 'acceptCandidate', target: { skill: 'git-bisect', path: '/etc/passwd' } },
    { type: 'command', command: 'workbench.action.terminal.new' },
    { type: 'state', state: { ...EMPTY_BROWSER_STATE, filter: 'x'.repeat(201) } },
    { type: 'state', state: { ...EMPTY_BROWSER_STATE, shown: { active: 0 } } },
    { type: 'state', state: { ...EMPTY_BROWSER_STATE, shown: { everything: 5 } } },
  ];
  for (const m of bad) assert.equal(parseViewMessage(m), undefined, JSON.stringify(m));
});

test('the pages render only well-formed host messages', () => {
  const skill = { key: 'active/git-bisect', group: 'active', name: 'git-bisect', description: 'Find a bad commit.', version, updatedAt: '2026-11-01T00:00:00.000Z' };
  const tree = { type: 'tree', model: { library: '/l', groups: [{ id: 'active', label: 'Active', skills: [skill] }], notices: [] }, state: EMPTY_BROWSER_STATE };
  assert.deepEqual(parseHostMessage(tree), tree);
  assert.deepEqual(parseHostMessage({ type: 'job', job: null }), { type: 'job', job: null });
  assert.deepEqual(parseHostMessage({ type: 'error', message: 'boom' }), { type: 'error', message: 'boom' });
  // a bad skill entry is left out of the tree (named in a notice); the rest of the tree still renders
  for (const entry of [{ ...skill, name: 42 }, { ...skill, trust: 'totally' }]) {
    const parsed = parseHostMessage({ ...tree, model: { ...tree.model, groups: [{ id: 'active', label: 'Active', skills: [entry, skill] }] } });
    assert.ok(parsed?.type === 'tree', JSON.stringify(entry));
    assert.deepEqual(parsed.model.groups[0]!.skills, [skill]);
    assert.equal(parsed.model.notices.length, 1);
  }
  const bad = [
    { ...tree, model: { ...tree.model, groups: [{ id: 'secret', label: 'x', skills: [] }] } },
    { type: 'detail', detail: { name: 'x' } },
    { type: 'html', html: '<script>' },
    { type: 'error' },
  ];
  for (const m of bad) assert.equal(parseHostMessage(m), undefined, JSON.stringify(m).slice(0, 120));
});
