import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { scratchDir } from '../support/scratch';
import { runCli } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');

test('a distill that writes nothing says why: the workflows it found, the closest one and the rule it missed', () => {
  const home = scratchDir('skillsmith-distill-why-');
  const r = runCli(['distill', SAMPLES, '--offline', '--min-sessions', '13'], { home });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {2}nothing new to write: 21 requests from 12 sessions form \d+ workflows; the most common \(.+\) was seen in 5 sessions, a skill needs 13 \(--min-sessions\)$/m);
  const json = JSON.parse(runCli(['distill', SAMPLES, '--offline', '--min-sessions', '13', '--json'], { home: scratchDir('skillsmith-distill-why-') }).stdout);
  assert.match(json.pipeline.nothingWritten, /seen in 5 sessions, a skill needs 13/);

  const again = runCli(['distill', SAMPLES, '--offline', '--min-sessions', '13'], { home });
  assert.match(again.stdout, /^ {2}nothing new to write: no new or changed session since the last run$/m);
});
