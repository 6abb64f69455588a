import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SKILL_MD_MAX_CHARS } from '../../../src/core/skills/skillmd/types';
import { scriptedModel, stageOf } from '../../support/scripted-model';
import { commitCount, firstCorpus, llmHome, storeSessions } from './llm-rig';

test('a runaway draft (hundreds of thousands of lines) is refused at once, naming the call and the size; nothing is written', async (t) => {
  const home = await llmHome(t, scriptedModel({ padLines: 40_000 }));
  storeSessions(home.store, firstCorpus());
  const before = commitCount(join(home.dir, 'library'));
  const { report, engine } = await home.run();
  assert.equal(report.created.length, 0);
  assert.equal(commitCount(join(home.dir, 'library')), before);
  assert.deepEqual(await home.library.listCandidates(), []);
  assert.deepEqual(home.server.requests.map(stageOf), ['split', 'propose'], 'no repair round is paid for a draft that size');
  assert.equal(engine.problems.length, 2, engine.problems.join('\n'));
  const limit = SKILL_MD_MAX_CHARS.toLocaleString('en-US');
  for (const p of engine.problems) {
    assert.match(p, new RegExp(`^skill [a-z0-9-]+: the model's draft \\(propose call\\) was refused at once, nothing written: it is [\\d,]+ characters, over the ${limit} a SKILL\\.md may have$`));
  }
});
