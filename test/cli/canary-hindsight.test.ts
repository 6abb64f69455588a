import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HindsightChecks } from '../../src/core/evolve/canary/hindsight-checks';
import { SkillLibrary } from '../../src/core/skills/library/library';
import { StateStore } from '../../src/core/store/database';
import { writeSkill } from '../core/skills/library/helpers';
import { runCli, tempDir } from './helpers';

test('a candidate the hindsight gate held shows both scores in `canary status` and `library candidates`', async () => {
  const home = tempDir();
  const library = await SkillLibrary.open(join(home, 'library'));
  const v1 = await library.add(writeSkill(join(home, 'v1'), 'release-notes', 'Run `npm run notes`.'));
  const v2 = await library.proposeCandidate('release-notes', writeSkill(join(home, 'v2'), 'release-notes', 'Write them by hand.'), 'rewritten');
  const store = await StateStore.open(join(home, 'state.db'));
  const reason = `hindsight F1 on 4 recent requests of 3 sessions: candidate ${v2.shortId} 0.00 below current ${v1.id.slice(0, 7)} 0.75`;
  new HindsightChecks(store).record({ skill: 'release-notes', candidateVersion: v2.id, currentVersion: v1.id, currentScore: 0.75, candidateScore: 0, requests: 4, verdict: 'held', reason, checkedAt: '2026-03-02T09:00:00.000Z' });
  await store.close();

  const status = runCli(['canary', 'status'], { home });
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /Waiting for review, not put into a canary by the hindsight check/);
  assert.ok(status.stdout.includes(`release-notes  ${reason}`), status.stdout);

  const human = runCli(['library', 'candidates'], { home });
  assert.ok(human.stdout.includes(`waits for review: ${reason}`), human.stdout);
  const [listed] = JSON.parse(runCli(['library', 'candidates', '--json'], { home }).stdout);
  assert.deepEqual([listed.hindsight.verdict, listed.hindsight.currentScore, listed.hindsight.candidateScore], ['held', 0.75, 0]);
});
