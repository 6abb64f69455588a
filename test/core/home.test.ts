import { test } from 'node:test';
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveHome } from '../../src/core/home';

test('home defaults to ~/.skillsmith', () => {
  const h = resolveHome(undefined, {});
  assert.equal(h.root, join(homedir(), '.skillsmith'));
  assert.equal(h.library, join(h.root, 'library'));
  assert.equal(h.state, join(h.root, 'state.db'));
});

test('SKILLSMITH_HOME overrides the default, an explicit folder overrides both', () => {
  assert.equal(resolveHome(undefined, { SKILLSMITH_HOME: '/tmp/a' }).root, '/tmp/a');
  assert.equal(resolveHome('/tmp/b', { SKILLSMITH_HOME: '/tmp/a' }).root, '/tmp/b');
  assert.equal(resolveHome('rel', {}).root, resolve('rel'));
  assert.equal(resolveHome('~/x', {}).root, join(homedir(), 'x'));
});
