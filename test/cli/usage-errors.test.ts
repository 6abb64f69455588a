import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scratchDir } from '../support/scratch';
import { runCli } from './helpers';

test('a bad option value is a usage error: exit 2, one line naming the option, nothing on stdout', () => {
  const home = scratchDir('skillsmith-usage-errors-');
  const cases: [string[], RegExp][] = [
    [['match', 'fix tests', '--k', '0'], /^skillsmith: --k: must be a whole number ≥ 1 \(got "0"\)\n$/],
    [['match', 'fix tests', '--min-score', '2'], /^skillsmith: --min-score: must be a number from 0 to 1/],
    [['prompt', 'fix tests', '--budget', '-1'], /^skillsmith: --budget: /],
    [['prompt', 'fix tests', '--mode', 'weird'], /^skillsmith: --mode: unknown mode "weird"/],
    [['confusability', '--threshold', 'abc'], /^skillsmith: --threshold: /],
    [['distill', '--offline', '--min-sessions', '0', home], /^skillsmith: --min-sessions: "0" is not a whole number of at least 1\n$/],
    [['canary', 'start', 'some-skill', '--looks', 'x'], /^skillsmith: --looks: /],
    [['usage', '--from', '2026-13-45'], /^skillsmith: --from: not a day/],
    [['absorb', '--quiet-seconds', 'x'], /^skillsmith: --quiet-seconds: /],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args, { home });
    assert.equal(r.code, 2, `skillsmith ${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, `skillsmith ${args.join(' ')}`);
    assert.equal(r.stdout, '', `skillsmith ${args.join(' ')}`);
  }
});

test('distill of a path that does not exist prints the error only and exits 1', () => {
  const home = scratchDir('skillsmith-usage-errors-');
  const missing = join(home, 'nonexistent');
  const r = runCli(['distill', missing, '--offline'], { home });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `skillsmith: ${missing}: no such file or folder\n`);
  assert.equal(r.stdout, '');
});
