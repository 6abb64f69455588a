import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { canaryStatuses } from '../../../src/core/evolve/canary/status';
import type { Canary } from '../../../src/core/evolve/canary/types';
import { SkillLibrary } from '../../../src/core/skills/library/library';
import { StateStore } from '../../../src/core/store/database';
import { FIXTURE } from '../fixtures/fixture-home';
import { api, closeAllEditors, run, until, useFixture } from './helpers';
import { screenshot, test } from './runner';

/** The canaries of a skill as the CLI's `canary status` reads them, newest first. */
async function canariesOf(state: string, skill: string): Promise<Canary[]> {
  const store = await StateStore.open(state, { readOnly: true });
  try {
    return canaryStatuses(store)
      .map((s) => s.canary)
      .filter((c) => c.skill === skill);
  } finally {
    await store.close();
  }
}

function markerOf(skillFolder: string): string | undefined {
  return /skillsmith-version: "?([0-9a-f]{40})/.exec(readFileSync(join(skillFolder, 'SKILL.md'), 'utf8'))?.[1];
}

/** Answers the next quick pick with its first item, keeping the labels it offered. */
function answerQuickPick(): { offered: string[]; restore: () => void } {
  const window = vscode.window as unknown as { showQuickPick: (items: unknown, ...rest: unknown[]) => unknown };
  const original = window.showQuickPick;
  const offered: string[] = [];
  window.showQuickPick = async (items: unknown) => {
    const list = (await items) as vscode.QuickPickItem[];
    offered.push(...list.map((i) => i.label));
    return list[0];
  };
  return { offered, restore: () => (window.showQuickPick = original) };
}

test('Start Canary offers only skills it applies to; Promote Canary Now makes the candidate current and moves the install', async () => {
  const fixture = await useFixture();
  const { detail, browser } = await api();
  const library = await SkillLibrary.open(fixture.library);
  const candidate = (await library.listCandidates()).find((c) => c.name === FIXTURE.candidate)!;
  const shown = await detail.show(FIXTURE.candidate);
  assert.equal(shown?.canStartCanary, true, 'the detail offers Start canary');

  const pick = answerQuickPick();
  let started: Canary | undefined;
  try {
    started = await run<Canary>('skillsmith.startCanary');
  } finally {
    pick.restore();
  }
  assert.deepEqual(pick.offered, [FIXTURE.candidate], 'only the installed skill with a candidate and no canary running');
  assert.equal(started?.state, 'running');
  assert.equal(started.candidateVersion, candidate.version.id);
  assert.deepEqual((await canariesOf(fixture.state, FIXTURE.candidate)).map((c) => c.state), ['running'], 'the state store has it running');
  await until('the detail to show the running canary', () => detail.shownDetail(FIXTURE.candidate)?.canary?.status === 'running');
  await until('the tree to show it in Canary', () => browser.lastModel?.groups.find((g) => g.id === 'canary')?.skills.some((s) => s.name === FIXTURE.candidate));
  await screenshot('canary-started');

  const promoted = await run<Canary>('skillsmith.promoteCanary', { skill: FIXTURE.candidate });
  assert.equal(promoted.state, 'promoted');
  const current = (await library.list()).find((s) => s.name === FIXTURE.candidate)!.version;
  assert.equal(current, promoted.resultVersion, "the library's current version is the promoted one");
  const installed = join(fixture.userHome, '.claude', 'skills', FIXTURE.candidate);
  assert.equal(markerOf(installed), current, 'the installed copy moved to the new version');
  assert.match(readFileSync(join(installed, 'SKILL.md'), 'utf8'), /Bisect a clean tree/);
  assert.equal((await library.listCandidates()).some((c) => c.name === FIXTURE.candidate), false);
  await until('the detail to show the promotion', () => detail.shownDetail(FIXTURE.candidate)?.canary?.status === 'promoted');
  await closeAllEditors();
});

test('Stop Canary asks which running canary and why; the reason is kept with the dropped candidate', async () => {
  const fixture = await useFixture();
  await closeAllEditors(); // no editor around to name a skill: the command asks
  const pick = answerQuickPick();
  const window = vscode.window as unknown as { showInputBox: (...a: unknown[]) => unknown };
  const askWhy = window.showInputBox;
  window.showInputBox = async () => 'the copy step slows every migration';
  let stopped: Canary | undefined;
  try {
    stopped = await run<Canary>('skillsmith.stopCanary');
  } finally {
    pick.restore();
    window.showInputBox = askWhy;
  }
  assert.deepEqual(pick.offered, [FIXTURE.canary], 'only the skill with a running canary');
  assert.equal(stopped?.state, 'stopped');
  const [latest] = await canariesOf(fixture.state, FIXTURE.canary);
  assert.equal(latest!.state, 'stopped');
  assert.match(latest!.reason!, /the copy step slows every migration/);
  const library = await SkillLibrary.open(fixture.library);
  assert.match((await library.rejections(FIXTURE.canary))[0]!.reason, /the copy step slows every migration/);
  assert.equal(await run('skillsmith.promoteCanary', { skill: FIXTURE.canary }), undefined, 'nothing left to promote: the command reports it and returns nothing');
});

test('a detail panel closed while it refreshes is forgotten without an unhandled rejection', async () => {
  const fixture = await useFixture();
  const { detail } = await api();
  const rejections: unknown[] = [];
  const onRejection = (e: unknown) => rejections.push(e);
  process.on('unhandledRejection', onRejection);
  // Holding the library's lock (as this process, which the extension shares) parks every read of the
  // library, so the refresh is certain to be under way while the panel closes, whatever the timing.
  const lock = join(fixture.library, '.git', 'skillsmith.lock');
  try {
    await detail.show('python-venv-setup');
    await until('the library lock', () => {
      try {
        writeFileSync(lock, JSON.stringify({ pid: process.pid }), { flag: 'wx' });
        return true;
      } catch {
        return false; // the extension is between two reads of its own
      }
    });
    let refreshing: Promise<unknown>;
    try {
      refreshing = detail.show('python-venv-setup'); // the open panel reads its detail again
      await run('skillsmith.refresh'); // so does every open panel, from the event
      await closeAllEditors(); // and the panel closes meanwhile
      await until('the closed panel to be forgotten', () => detail.shownDetail('python-venv-setup') === undefined);
    } finally {
      rmSync(lock, { force: true });
    }
    assert.equal(await refreshing, undefined, 'the refresh of a closed panel ends quietly with nothing shown');
    await detail.settled(); // the event's refresh too
  } finally {
    process.off('unhandledRejection', onRejection);
  }
  assert.equal(detail.shownDetail('python-venv-setup'), undefined, 'the closed panel is forgotten');
  assert.deepEqual(rejections.map(String), []);
});
