// The distill, canary, trust and hand-edit settings reaching the core, and hand edits recorded while the editor is open.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InstallReport } from '../../../src/core/skills/install';
import type { SkillDetail } from '../../../webview/protocol';
import { FIXTURE } from '../fixtures/fixture-home';
import { api, run, SAMPLES, setSetting, tempDir, until, useFixture, useHome } from './helpers';
import { screenshot, test } from './runner';

test('skillsmith.distill.minSessions reaches the worker: the sample skills (four to nine sessions each) make no draft at 10', async () => {
  await useHome(tempDir('skillsmith-min-sessions-'));
  await setSetting('transcriptFolders', [SAMPLES]);
  await setSetting('allWorkspaces', true);
  await run('skillsmith.configureLlm', { provider: 'offline' });
  await setSetting('distill.minSessions', 10);
  try {
    const outcome = await run<{ result: { ingest: { new: number }; pipeline: { atomsAdded: number; created: unknown[] } } }>('skillsmith.distillNow');
    assert.equal(outcome.result.ingest.new, 12);
    assert.ok(outcome.result.pipeline.atomsAdded > 0, 'the sessions were split');
    assert.deepEqual(outcome.result.pipeline.created, [], 'nothing recurs in ten distinct sessions');
  } finally {
    await setSetting('distill.minSessions', undefined);
  }
});

test('a hand edit of an installed skill is recorded while VS Code is open: the library gains the user\'s version, its canary stops, the tree updates', async () => {
  await useFixture();
  await setSetting('handEdits.quietMinutes', 0.001);
  const { browser, handEdits } = await api();
  try {
    const report = await run<InstallReport>('skillsmith.installSkill', { skill: FIXTURE.canary, agents: ['codex'], scope: 'user' });
    assert.equal(report.installed.length, 1, 'installed for Codex');
    const before = await run<SkillDetail>('skillsmith.openSkill', { skill: FIXTURE.canary });
    assert.equal(before.canary?.status, 'running');
    const recorded = new Promise<Array<{ skill: string; version: string; canaryStopped: boolean }>>((done) => {
      const sub = handEdits.onDidRecord((edits) => {
        sub.dispose();
        done(edits);
      });
    });
    // an edit on disk, as another editor or the agent itself would make it: nothing calls the check
    const md = join(report.installed[0]!.path, 'SKILL.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace('## Steps', '## Steps\n\nAsk which database first.'));
    const [edit] = await recorded;
    assert.equal(edit?.skill, FIXTURE.canary);
    assert.equal(edit?.canaryStopped, true);
    const after = await run<SkillDetail>('skillsmith.openSkill', { skill: FIXTURE.canary });
    assert.equal(after.shown.version, edit.version, 'the user\'s version is the current one');
    assert.match(after.skillMd, /Ask which database first\./);
    assert.equal(after.canary?.status, 'cancelled');
    await until('the tree to show the user\'s version', () => {
      const node = browser.lastModel?.groups.flatMap((g) => g.skills).find((s) => s.name === FIXTURE.canary && s.group === 'active');
      return node?.version === edit.version;
    });
    await screenshot('hand-edit-recorded');
  } finally {
    await setSetting('handEdits.quietMinutes', undefined);
    await run('workbench.action.closeAllEditors');
  }
});
