import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CanaryEngine } from '../../src/core/evolve/canary/engine';
import { resolveHome } from '../../src/core/home';
import { agentTarget } from '../../src/core/skills/install/agents';
import { installSkill } from '../../src/core/skills/install/install';
import { StateStore } from '../../src/core/store/database';
import { absorbNow, newestChange, watchedFolders } from '../../src/vscode/hand-edits/absorb-run';
import { recordedMessage } from '../../src/vscode/hand-edits/messages';
import { addSkill, skillText, tempDir, world } from '../core/skills/install/helpers';
import { noGitReason } from '../core/skills/library/helpers';

test('the extension\'s hand-edit check: watched folders, a cheap change test, and an edit recorded with its canary stopped', { skip: noGitReason }, async () => {
  const w = await world();
  const home = resolveHome(w.skillsmithHome);
  await addSkill(w.library, 'release', 'Tag the release.');
  await installSkill(w, { skill: 'release', agents: [agentTarget('copilot')], scope: 'user', trustedWorkspace: true });
  const draft = join(tempDir(), 'release');
  mkdirSync(draft);
  writeFileSync(join(draft, 'SKILL.md'), skillText('release', 'Tag the release, then publish.'));
  await w.library.proposeCandidate('release', draft, 'try publishing too');
  await new CanaryEngine(w.store, w.library).start('release');
  await w.close();

  const copy = join(w.userHome, '.copilot/skills/release');
  const folders = await watchedFolders(home);
  assert.deepEqual(folders.sort(), [copy, join(home.library, 'release')].sort());
  const before = await newestChange(folders);
  assert.deepEqual(await absorbNow(home, { quietMs: 0 }), { recorded: [], problems: [] }, 'nothing edited yet');

  await new Promise((r) => setTimeout(r, 20));
  const md = join(copy, 'SKILL.md');
  writeFileSync(md, readFileSync(md, 'utf8').replace('Tag the release.', 'Tag the release.\nWrite the changelog first.'));
  assert.ok((await newestChange(folders)) > before, 'the edit moves the newest change');
  const waiting = await absorbNow(home, { quietMs: 60_000 });
  assert.deepEqual(waiting.recorded, []);
  assert.ok(waiting.waitingMs! > 50_000 && waiting.waitingMs! <= 60_000, `waits out the quiet period (${waiting.waitingMs})`);

  const done = await absorbNow(home, { quietMs: 0 });
  assert.deepEqual(done.problems, []);
  assert.deepEqual(done.recorded.map((e) => [e.skill, e.where, e.path, e.canaryStopped]), [['release', 'install', copy, true]]);
  assert.match(recordedMessage(done.recorded[0]!), /^Skillsmith: your edit of "release" \(in its installed copy\) is now its current version, [0-9a-f]{7}\. The canary running for it stopped\.$/);
  const store = await StateStore.open(home.state, { readOnly: true });
  try {
    assert.equal(new CanaryEngine(store, w.library).running('release'), undefined);
  } finally {
    await store.close();
  }
  assert.match((await w.library.show('release')).files['SKILL.md']!, /Write the changelog first\./);
});
