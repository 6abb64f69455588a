import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evolve } from '../../../src/core/evolve/loop';
import { agentTarget } from '../../../src/core/skills/install/agents';
import { installSkill, type InstallContext } from '../../../src/core/skills/install/install';
import { canaryHome, ingestSession, outcomeAt, scriptedSession, SKILL, T0 } from './canary/harness';

const HOUR = 3_600_000;

/** The version the installed copy carries now: what the next session will load. */
function installedVersion(userHome: string): string {
  const text = readFileSync(join(userHome, '.claude', 'skills', SKILL, 'SKILL.md'), 'utf8');
  return /skillsmith-version: "?([0-9a-f]{40})/.exec(text)![1];
}

test('the loop: installs serve both arms in turn, sessions load what is installed, and the better candidate is promoted and installed', async (t) => {
  const h = await canaryHome(t);
  const userHome = mkdtempSync(join(tmpdir(), 'skillsmith-loop-home-'));
  const install: InstallContext = { store: h.store, library: h.library, skillsmithHome: h.dir, userHome };
  await installSkill(install, { skill: SKILL, agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true });
  assert.equal(installedVersion(userHome), h.v1);
  await h.engine.start(SKILL);

  const loaded = { [h.v1]: 0, [h.v2]: 0 };
  let promoted: string | undefined;
  for (let round = 0; round < 60 && !promoted; round++) {
    h.clock.now = T0 + round * HOUR;
    const report = await evolve(install, { now: () => h.clock.now });
    promoted = report.reviews.find((r) => r.ended?.state === 'promoted')?.ended?.resultVersion;
    if (promoted) break;
    assert.equal(report.serving.length, 1, 'a running canary always has a version in the installs');
    // four sessions start while this version is installed; each loads it (its marker shows in the transcript)
    const version = installedVersion(userHome);
    assert.equal(version, report.serving[0].version);
    for (let k = 0; k < 4; k++) {
      const n = loaded[version]++;
      const started = h.clock.now + (k + 1) * 60_000;
      ingestSession(h.store, scriptedSession(`r${round}-${k}`, version, outcomeAt(n, version === h.v2 ? 9 : 2, version === h.v2 ? 10 : 5), started), version);
    }
  }
  assert.ok(promoted, `no decision after ${loaded[h.v1]} + ${loaded[h.v2]} sessions`);
  assert.ok(loaded[h.v1] >= 20 && loaded[h.v2] >= 20, `both arms were served: ${JSON.stringify(loaded)}`);
  assert.equal((await h.library.list())[0].version, promoted);
  assert.equal(installedVersion(userHome), promoted, 'the promotion moved the install to the new current version');
});
