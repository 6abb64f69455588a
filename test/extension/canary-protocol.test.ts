import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIONS, parseHostMessage, parseViewMessage, type SkillDetail } from '../../webview/protocol';

const version = 'b'.repeat(40);

test('the webviews may ask to start, promote or stop a canary, for a skill and nothing else', () => {
  for (const action of ['startCanary', 'promoteCanary', 'stopCanary'] as const) {
    assert.ok(ACTIONS.includes(action));
    const m = { type: 'action', action, target: { skill: 'git-bisect' } };
    assert.deepEqual(parseViewMessage(m), m);
    // the reason of a stop is asked by the host, never taken from the page
    assert.equal(parseViewMessage({ ...m, target: { skill: 'git-bisect', reason: 'x' } }), undefined);
    assert.equal(parseViewMessage({ ...m, target: { skill: '../git-bisect' } }), undefined);
    assert.equal(parseViewMessage({ ...m, target: {} }), undefined);
    assert.equal(parseViewMessage({ ...m, share: 0.9 }), undefined);
  }
  assert.equal(parseViewMessage({ type: 'action', action: 'promoteAll', target: { skill: 'git-bisect' } }), undefined);
});

test('the detail says whether a canary can start; the page gets only a boolean', () => {
  const detail: SkillDetail = {
    name: 'git-bisect',
    group: 'active',
    shown: { kind: 'library', version },
    skillMd: '---\nname: git-bisect\n---\n',
    files: ['SKILL.md'],
    metadata: [],
    versions: [],
    provenance: [],
    trust: null,
    installs: [],
    canary: null,
    canStartCanary: true,
    unavailable: [],
  };
  assert.deepEqual(parseHostMessage({ type: 'detail', detail }), { type: 'detail', detail });
  const { canStartCanary: _, ...older } = detail;
  assert.deepEqual(parseHostMessage({ type: 'detail', detail: older }), { type: 'detail', detail: older }, 'optional: a host that does not say shows no Start button');
  assert.equal(parseHostMessage({ type: 'detail', detail: { ...detail, canStartCanary: 'yes' } }), undefined);
});
