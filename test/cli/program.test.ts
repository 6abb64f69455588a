import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers';

test('--help exits 0 and names the program', () => {
  const r = runCli(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: skillsmith/);
});

test('an unknown command is a usage error (exit 2)', () => {
  const r = runCli(['no-such-command']);
  assert.equal(r.code, 2);
});
