import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { PipelineState } from '../../../../src/core/distill/pipeline/state';
import { splitTrajectory } from '../../../../src/core/distill/split/heuristic';
import { CanaryEngine, type CanaryEngineOptions } from '../../../../src/core/evolve/canary/engine';
import type { CanaryListener } from '../../../../src/core/evolve/canary/listener';
import { saveSession } from '../../../../src/core/ingest/sessions';
import { SkillLibrary } from '../../../../src/core/skills/library/library';
import { StateStore } from '../../../../src/core/store/database';
import type { Trajectory, Turn } from '../../../../src/core/transcripts/model';
import { agent, bash, edit, user } from '../../distill/builders';
import { writeSkill } from '../../skills/library/helpers';

export const SKILL = 'release-notes';
export const T0 = Date.UTC(2025, 6, 1, 8);
const MINUTE = 60_000;

/** A home with a library holding SKILL at v1 and a candidate v2, a state store, and a movable clock. */
export async function canaryHome(t: TestContext, opts: Omit<CanaryEngineOptions, 'clock' | 'listener'> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'skillsmith-canary-'));
  const store = await StateStore.open(join(dir, 'state.db'));
  t.after(() => store.close());
  const library = await SkillLibrary.open(join(dir, 'library'));
  const v1 = await library.add(writeSkill(join(dir, 'v1'), SKILL, 'Write the notes from the merged pull requests.'));
  const v2 = await library.proposeCandidate(SKILL, writeSkill(join(dir, 'v2'), SKILL, 'Write the notes from the merged pull requests, grouped by label, breaking changes first.'), 'group by label');
  const clock = { now: T0 };
  const heard: string[] = [];
  const listener: CanaryListener = {
    onPromoted: (skill, version) => void heard.push(`promoted ${skill} ${version}`),
    onEnded: (skill, current, state, reason) => void heard.push(`${state} ${skill} ${current} ${reason}`),
  };
  const engine = new CanaryEngine(store, library, { ...opts, clock: () => clock.now, listener });
  return { dir, store, library, engine, clock, heard, v1: v1.id, v2: v2.id };
}

/**
 * A session that loaded SKILL at `version` (the marker is in the Skill tool's output, as an installed copy
 * shows it) and went well or badly in one of the ways the outcome scoring reads from a transcript.
 */
export function scriptedSession(id: string, version: string, how: 'success' | 'error' | 'correction' | 'revert', startedAt: number): Trajectory {
  const load = { name: 'Skill', input: { skill: SKILL }, output: `<!-- skillsmith-version: ${version} skill: ${SKILL} -->\nWrite the notes…` };
  const request = user('Write the release notes for 2.4 from the merged pull requests');
  const bodies: Record<typeof how, Turn[]> = {
    success: [agent('Wrote CHANGELOG.md.', load, edit('/w/CHANGELOG.md'), bash('npm run lint:md', 'ok'))],
    error: [agent('The notes script failed.', load, edit('/w/CHANGELOG.md'), bash('npm run notes', 'npm ERR! missing script: notes', true))],
    correction: [agent('Wrote CHANGELOG.md.', load, edit('/w/CHANGELOG.md')), user("no, that's wrong: breaking changes go first"), agent('Reordered.', edit('/w/CHANGELOG.md'))],
    revert: [agent('Rewrote the changelog.', load, edit('/w/CHANGELOG.md'), bash('git checkout -- CHANGELOG.md'))],
  };
  const turns = [request, ...bodies[how]].map((turn, i) => ({ ...turn, timestamp: new Date(startedAt + i * MINUTE).toISOString() }));
  return { source: 'claude-code', format: 'test', sessionId: id, workspace: '/w', startedAt: new Date(startedAt).toISOString(), endedAt: turns[turns.length - 1].timestamp, turns };
}

/** Ingests a session and records what attribution would: its atoms, and the skill use with the version loaded. */
export function ingestSession(store: StateStore, t: Trajectory, version: string): void {
  const json = JSON.stringify(t);
  saveSession(store, t, `/sessions/${t.sessionId}.jsonl`, json, createHash('sha256').update(json).digest('hex'), t.startedAt!);
  const atoms = splitTrajectory(t);
  new PipelineState(store).replaceAtoms(atoms[0].sessionKey, 0, atoms);
  store.run("INSERT OR REPLACE INTO skill_uses (atom_id, session_key, skill, version, evidence) VALUES (?, ?, ?, ?, 'marker')", [
    atoms[0].id,
    atoms[0].sessionKey,
    SKILL,
    version,
  ]);
}

/** `good` of every `of` sessions go well; the rest fail in turn by error, correction and revert. */
export function outcomeAt(i: number, good: number, of: number): 'success' | 'error' | 'correction' | 'revert' {
  if (i % of < good) return 'success';
  return (['error', 'correction', 'revert'] as const)[i % 3];
}
