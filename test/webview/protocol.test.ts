import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHostMessage, isViewMessage } from '../../webview/protocol';

test('the host accepts only well-formed messages from the sidebar', () => {
  assert.equal(isViewMessage({ type: 'ready' }), true);
  for (const bad of [null, 'ready', [], { type: 'READY' }, { type: 'run', script: 'x' }, {}]) {
    assert.equal(isViewMessage(bad), false, JSON.stringify(bad));
  }
});

test('the sidebar renders only well-formed skill lists and errors', () => {
  const skill = { name: 'git-bisect', description: 'Find a bad commit.', version: 'a'.repeat(40) };
  assert.equal(isHostMessage({ type: 'skills', library: '/l', skills: [skill] }), true);
  assert.equal(isHostMessage({ type: 'skills', library: '/l', skills: [] }), true);
  assert.equal(isHostMessage({ type: 'error', message: 'boom' }), true);
  const bad = [
    { type: 'skills', library: '/l', skills: [{ ...skill, name: 42 }] },
    { type: 'skills', library: '/l', skills: [{ name: 'x', description: 'y' }] },
    { type: 'skills', skills: [skill] },
    { type: 'skills', library: '/l', skills: 'git-bisect' },
    { type: 'error' },
    { type: 'html', html: '<script>' },
  ];
  for (const m of bad) assert.equal(isHostMessage(m), false, JSON.stringify(m));
});
