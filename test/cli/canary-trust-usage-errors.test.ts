import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempDir } from './helpers';

// Values the core checks too, but that are wrong in how the command was called: refused before anything is
// opened, exit 2 (the README's usage error), one line naming the flag, nothing on stdout.
function assertUsageError(args: string[], message: RegExp): void {
  const r = runCli(args, { home: tempDir() });
  assert.equal(r.code, 2, `skillsmith ${args.join(' ')}: ${r.stderr}`);
  assert.match(r.stderr, message, `skillsmith ${args.join(' ')}`);
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, `one line: ${r.stderr}`);
  assert.equal(r.stdout, '', `skillsmith ${args.join(' ')}`);
}

test('canary start and simulate: more looks than sessions per arm, or too few sessions per arm, is a usage error naming the flags', () => {
  assertUsageError(['canary', 'start', 'some-skill', '--looks', '11', '--max-per-arm', '10'], /^skillsmith: --looks: 11 looks need --max-per-arm of at least 11 \(it is 10\)\n$/);
  assertUsageError(['canary', 'start', 'some-skill', '--looks', '200'], /^skillsmith: --looks: 200 looks need --max-per-arm of at least 200 \(it is 100\)\n$/);
  assertUsageError(['canary', 'start', 'some-skill', '--max-per-arm', '3'], /^skillsmith: --max-per-arm: must be at least 4, got 3\n$/);
  assertUsageError(['canary', 'simulate', '--arms', '0.5/0.7', '--runs', '10', '--sessions-per-arm', '100', '--looks', '11', '--max-per-arm', '10'], /^skillsmith: --looks: 11 looks need --max-per-arm of at least 11/);
});

test('trust: an unknown --kind or --level, and flags that contradict each other, are usage errors before the skill is looked up', () => {
  assertUsageError(['trust', 'no-such-skill', '--reject', '--kind', 'meh', '--reason', 'broke'], /^skillsmith: --kind: unknown failure kind "meh" \(use one of /);
  assertUsageError(['trust', 'no-such-skill', '--level', 'bogus', '--reason', 'why'], /^skillsmith: --level: unknown trust level "bogus"/);
  assertUsageError(['trust', 'no-such-skill', '--kind', 'incorrect'], /^skillsmith: trust: --kind goes with --reject\n$/);
  assertUsageError(['trust', 'no-such-skill', '--reject', '--level', 'trusted'], /^skillsmith: trust: give --reject or --level, not both\n$/);
  assertUsageError(['trust', 'no-such-skill', '--reject'], /^skillsmith: trust: --reject needs --kind and --reason/);
  assertUsageError(['trust', 'no-such-skill', '--level', 'trusted'], /^skillsmith: trust: --level needs --reason\n$/);
});
