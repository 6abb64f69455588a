import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { absorbHandEdits, DEFAULT_QUIET_MS } from '../../../../src/core/evolve/hand-edits/absorb';
import { isHandEditText } from '../../../../src/core/evolve/hand-edits/user-version';
import { assertHealthyRepo, noGitReason } from '../../skills/library/helpers';
import { addSkill, skillText, world } from '../../skills/install/helpers';

const LATER = () => Date.now() + DEFAULT_QUIET_MS + 5_000;

test('a library write before the quiet period ends keeps the edit as a hand edit; the absorber then has nothing left to do', { skip: noGitReason }, async () => {
  const w = await world();
  const v1 = await addSkill(w.library, 'lint', 'Run eslint.');
  await addSkill(w.library, 'lint', 'Run eslint --fix.');
  const inLibrary = join(w.library.dir, 'lint', 'SKILL.md');
  writeFileSync(inLibrary, skillText('lint', 'Run eslint --fix, then the type checker.'));

  // still inside the quiet period: the absorber waits
  const early = await absorbHandEdits({ ...w });
  assert.deepEqual(early.waiting.map((p) => [p.skill, p.where]), [['lint', 'library']]);

  const reverted = await w.library.revert('lint', v1, 'the flag broke CI');
  const [, kept] = await w.library.log('lint');
  assert.match(kept.message, /^update\(lint\): hand edit by the user in the library folder, kept before revert/);
  const keptText = (await w.library.show('lint', kept.id)).files['SKILL.md'];
  assert.ok(isHandEditText(keptText), 'evolve reads it as a hand edit');
  assert.match(keptText, /then the type checker/);
  assert.equal((await w.library.show('lint')).version, reverted.id);
  assert.match(readFileSync(inLibrary, 'utf8'), /Run eslint\.\n$/);

  const after = await absorbHandEdits({ ...w, clock: LATER });
  assert.deepEqual([after.committed, after.waiting, after.problems], [[], [], []]);
  assertHealthyRepo(w.library.dir);
  await w.close();
});
