import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { draftSkillsOffline } from '../../../src/core/distill/offline/engine';
import { splitTrajectory } from '../../../src/core/distill/split/heuristic';
import { readTranscripts } from '../../../src/core/transcripts/read';

const root = join(__dirname, '..', '..', '..');
const shared = join(root, '..', 'shared', 'transcripts');

test('unrelated real history does not knock out a real workflow: the samples with ../shared/transcripts still yield add-migration-column', async (t) => {
  if (!existsSync(shared)) {
    t.skip(`no real transcripts at ${shared}`);
    return;
  }
  const samples = await readTranscripts(join(root, 'samples', 'sessions'));
  const real = await readTranscripts(shared);
  const atoms = [...samples.trajectories, ...real.trajectories].flatMap((s) => splitTrajectory(s));
  const names = draftSkillsOffline(atoms, new Set()).map((d) => d.name);
  assert.ok(names.includes('add-migration-column'), JSON.stringify(names));
  // and the unrelated sessions' work is not folded into the samples' project
  const project = draftSkillsOffline(atoms, new Set()).find((d) => d.name === 'working-in-shop-api');
  assert.ok(project && !/go test|cargo/.test(project.body), project?.body);
});
