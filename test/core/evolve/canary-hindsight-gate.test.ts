import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canaryEngineWithInstalls } from '../../../src/core/evolve/canary/by-hand';
import { HindsightChecks } from '../../../src/core/evolve/canary/hindsight-checks';
import { evolve } from '../../../src/core/evolve/loop';
import { saveSession } from '../../../src/core/ingest/sessions';
import { agentTarget } from '../../../src/core/skills/install/agents';
import { installSkill, type InstallContext } from '../../../src/core/skills/install/install';
import { SkillLibrary } from '../../../src/core/skills/library/library';
import { StateStore } from '../../../src/core/store/database';
import type { Trajectory } from '../../../src/core/transcripts/model';
import { agent, bash, user } from '../distill/builders';
import { skillMd, writeSkill } from '../skills/library/helpers';

const SKILL = 'release-notes';
const T0 = Date.UTC(2026, 2, 1, 9);
const NAMES_COMMANDS = 'Collect the merged pull requests with `gh pr list --state merged`, write CHANGELOG.md, then check it with `npm run lint:md`.';
const NAMES_NOTHING = 'Write CHANGELOG.md by hand from what you remember.';
// what a real skill of this kind says it is for: the matcher's fit decision needs the request's words
const DESCRIPTION = 'Write the release notes for the next version of the project. Use when a release is near.';

function releaseSkill(parent: string, body: string): string {
  const folder = writeSkill(parent, SKILL, body);
  writeFileSync(join(folder, 'SKILL.md'), skillMd(SKILL, body, DESCRIPTION));
  return folder;
}

/** A session that wrote release notes the way this project does: the two commands the good version names. */
function releaseSession(id: string, at: number): Trajectory {
  const turns = [
    user('Write the release notes for the next version'),
    agent('Done.', bash('gh pr list --state merged --limit 50'), bash('npm run lint:md', 'ok')),
  ].map((t, i) => ({ ...t, timestamp: new Date(at + i * 60_000).toISOString() }));
  return { source: 'claude-code', format: 'test', sessionId: id, workspace: '/w', startedAt: new Date(at).toISOString(), turns };
}

/** A home whose library holds SKILL at `current`, installed for a user, with a candidate `candidate` and recent sessions. */
async function home(t: TestContext, current: string, candidate: string, sessions = 3) {
  const dir = mkdtempSync(join(tmpdir(), 'skillsmith-hindsight-gate-'));
  const store = await StateStore.open(join(dir, 'state.db'));
  t.after(() => store.close());
  const library = await SkillLibrary.open(join(dir, 'library'));
  const v1 = await library.add(releaseSkill(join(dir, 'v1'), current));
  const v2 = await library.proposeCandidate(SKILL, releaseSkill(join(dir, 'v2'), candidate), 'rewritten');
  const install: InstallContext = { store, library, skillsmithHome: dir, userHome: mkdtempSync(join(tmpdir(), 'skillsmith-hindsight-user-')) };
  await installSkill(install, { skill: SKILL, agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true });
  const keys: string[] = [];
  for (let i = 0; i < sessions; i++) {
    const s = releaseSession(`s${i}`, T0 + i * 3_600_000);
    const json = JSON.stringify(s);
    saveSession(store, s, `/sessions/s${i}.jsonl`, json, createHash('sha256').update(json).digest('hex'), s.startedAt!);
    keys.push(`claude-code:s${i}`);
  }
  return { store, library, install, v1: v1.id, v2: v2.id, keys };
}

const now = () => T0 + 24 * 3_600_000;

test('a candidate that scores below the current version in hindsight is not put into a canary; it waits with both scores', async (t) => {
  const h = await home(t, NAMES_COMMANDS, NAMES_NOTHING);
  const report = await evolve(h.install, { now });
  assert.deepEqual(report.started, []);
  const check = new HindsightChecks(h.store).get(SKILL, h.v2)!;
  // the current version names both commands of all three requests (F1 1); the candidate names none (F1 0)
  assert.deepEqual([check.verdict, check.currentScore, check.candidateScore, check.requests, check.currentVersion], ['held', 1, 0, 3, h.v1]);
  assert.match(check.reason, /candidate [0-9a-f]{7} 0\.00 below current [0-9a-f]{7} 1\.00/);
  assert.ok(report.problems.some((p) => p.includes('waits for review') && p.includes(check.reason)), report.problems.join('\n'));
  // held once, it stays held on the next run, and a person can still start the canary by hand
  assert.deepEqual((await evolve(h.install, { now })).started, []);
  const byHand = await canaryEngineWithInstalls(h.install).start(SKILL);
  assert.equal(byHand.candidateVersion, h.v2);
});

test('a candidate that scores as well or better goes into the canary, and the passing verdict is kept', async (t) => {
  const better = await home(t, NAMES_NOTHING, NAMES_COMMANDS);
  const report = await evolve(better.install, { now });
  assert.deepEqual(report.started.map((s) => s.candidateVersion), [better.v2]);
  const check = new HindsightChecks(better.store).get(SKILL, better.v2)!;
  assert.deepEqual([check.verdict, check.currentScore, check.candidateScore], ['passed', 0, 1]);

  const same = await home(t, NAMES_COMMANDS, `${NAMES_COMMANDS}\n\nKeep the notes short.`);
  assert.equal((await evolve(same.install, { now })).started.length, 1, 'a tie passes');
});

test('the sessions a candidate was written from are not used to judge it', async (t) => {
  const h = await home(t, NAMES_COMMANDS, NAMES_NOTHING);
  for (const key of h.keys) h.store.run('INSERT INTO provenance (skill, version, atom_id, session_key) VALUES (?, ?, ?, ?)', [SKILL, h.v2, `${key}#0`, key]);
  const report = await evolve(h.install, { now });
  assert.equal(report.started.length, 1, 'with nothing left to judge on, the gate stays out of the way');
  const check = new HindsightChecks(h.store).get(SKILL, h.v2)!;
  assert.equal(check.verdict, 'passed');
  assert.equal(check.requests, 0);
  assert.match(check.reason, /nothing to judge/);
});
