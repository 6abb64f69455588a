import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { noGitReason, writeSkill } from '../core/skills/library/helpers';
import type { SimulationResult } from '../../src/core/evolve/canary/simulate';
import { runCli, tempDir } from './helpers';

/** What `canary simulate --json` prints for one arm pair. */
type Figures = Omit<SimulationResult, 'runs'>;

function ok(args: string[], home: string): string {
  const r = runCli(args, { home });
  assert.equal(r.code, 0, `skillsmith ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function simulate(arms: string, seed = '20250701'): Figures {
  return JSON.parse(ok(['canary', 'simulate', '--arms', arms, '--runs', '2000', '--sessions-per-arm', '100', '--seed', seed, '--json'], tempDir())) as Figures;
}

test('canary simulate runs the real gate: the required figures at 100 sessions per arm', () => {
  const aa = simulate('0.6/0.6');
  assert.ok(aa.promotionRate <= 0.02, `A/A promoted ${aa.promotionRate}`);
  const better = simulate('0.5/0.7');
  assert.ok(better.promotionRate >= 0.65, `+20 promoted ${better.promotionRate}`);
  const worse = simulate('0.7/0.5');
  assert.ok(worse.promotionRate <= 0.01 && worse.rollbackRate >= 0.65, `-20 promoted ${worse.promotionRate}, rolled back ${worse.rollbackRate}`);
  for (const f of [aa, better, worse]) {
    assert.ok(Math.abs(f.promotionRate + f.rollbackRate + f.inconclusiveRate + f.expiredRate - 1) < 1e-9);
  }
  assert.equal(typeof better.medianSessionsToDecision, 'number');
  assert.deepEqual(simulate('0.5/0.7'), better, 'the same seed gives the same figures');
});

test('canary simulate prints a readable summary, and refuses bad input', () => {
  const home = tempDir();
  const text = ok(['canary', 'simulate', '--arms', '0.5/0.7', '--runs', '200', '--sessions-per-arm', '100'], home);
  assert.match(text, /^200 simulated canaries, current 0\.5 vs candidate 0\.7, up to 100 sessions per arm, alternating, seed 1\n/);
  assert.match(text, /gate: looks at 20\/40\/60\/80\/100 sessions per arm/);
  assert.match(text, /promoted +\d+\.\d%/);
  assert.match(text, /median sessions to a decision: \d+ in all \(\d+ per arm\)/);

  const bad = runCli(['canary', 'simulate', '--arms', '0.5/1.7', '--runs', '10', '--sessions-per-arm', '100'], { home });
  assert.equal(bad.code, 2, 'a bad option value is a usage error');
  assert.equal(bad.stderr, 'skillsmith: --arms: "0.5/1.7" is not two success rates between 0 and 1, like 0.5/0.7\n');
  const share = runCli(['canary', 'simulate', '--arms', '0.5/0.7', '--runs', '10', '--sessions-per-arm', '100', '--share', '2'], { home });
  assert.equal(share.code, 2);
  assert.match(share.stderr, /--share: "2" is not a fraction between 0 and 1/);
  const missing = runCli(['canary', 'simulate', '--arms', '0.5/0.7', '--sessions-per-arm', '100'], { home });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--runs/);
});

test('canary start, status, promote and stop through the CLI', { skip: noGitReason }, () => {
  const home = tempDir();
  const src = tempDir();
  assert.equal(ok(['canary', 'status'], home), 'No canaries. Start one with `skillsmith canary start SKILL` once a skill has a candidate.\n');
  assert.deepEqual(JSON.parse(ok(['canary', 'status', '--json'], home)), []);

  for (const name of ['changelog', 'commit-msg']) {
    ok(['library', 'add', writeSkill(src, name, 'Version one.')], home);
    ok(['library', 'propose', writeSkill(join(src, 'next'), name, 'Version two, better.'), '-r', 'sharper steps'], home);
  }
  assert.match(ok(['canary', 'start', 'changelog', '--share', '0.3'], home), /^Started a canary for changelog: candidate [0-9a-f]{7} against [0-9a-f]{7}, 30% of sessions, looks at 20\/40\/60\/80\/100 sessions per arm, until \d{4}-\d\d-\d\d\n$/);
  ok(['canary', 'start', 'commit-msg'], home);
  const again = runCli(['canary', 'start', 'changelog'], { home });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /^skillsmith: canary: a canary for skill "changelog" is already running/);

  const status = JSON.parse(ok(['canary', 'status', '--json'], home)) as { canary: { skill: string; state: string; share: number }; nextLookAt: number }[];
  assert.deepEqual(status.map((s) => [s.canary.skill, s.canary.state, s.canary.share, s.nextLookAt]), [['commit-msg', 'running', 0.5, 20], ['changelog', 'running', 0.3, 20]]);
  assert.match(ok(['canary', 'status'], home), /changelog  running  candidate [0-9a-f]{7} vs current [0-9a-f]{7}  \(30% of sessions/);

  assert.match(ok(['canary', 'promote', 'changelog'], home), /^Promoted the candidate of changelog: the current version is now [0-9a-f]{7}\n$/);
  assert.match(ok(['library', 'show', 'changelog'], home), /Version two, better\./);
  const stopped = JSON.parse(ok(['canary', 'stop', 'commit-msg', '-r', 'tone is wrong', '--json'], home)) as { state: string; reason: string };
  assert.deepEqual([stopped.state, stopped.reason], ['stopped', 'canary stopped by the user: tone is wrong']);
  assert.match(ok(['library', 'rejected', 'commit-msg'], home), /canary stopped by the user: tone is wrong/);

  const none = runCli(['canary', 'promote', 'changelog'], { home });
  assert.equal(none.code, 1);
  assert.equal(none.stderr, 'skillsmith: canary: no canary is running for skill "changelog" (see `skillsmith canary status`)\n');
  const review = JSON.parse(ok(['canary', 'review', '--json', '--llm-provider', 'offline'], home)) as { scoring: { scored: number }; canaries: unknown[] };
  assert.deepEqual([review.scoring.scored, review.canaries], [0, []]);
});

test('canary start takes the gate shape and expiry as flags, and refuses a shape the gate cannot run', { skip: noGitReason }, () => {
  const home = tempDir();
  const src = tempDir();
  ok(['library', 'add', writeSkill(src, 'changelog', 'Version one.')], home);
  ok(['library', 'propose', writeSkill(join(src, 'next'), 'changelog', 'Version two, better.'), '-r', 'sharper steps'], home);
  const bad = runCli(['canary', 'start', 'changelog', '--max-per-arm', '10', '--looks', '11'], { home });
  assert.equal(bad.code, 2, 'a shape the gate cannot run is a usage error');
  assert.match(bad.stderr, /^skillsmith: --looks: 11 looks need --max-per-arm of at least 11 \(it is 10\)\n$/);
  assert.match(runCli(['canary', 'start', 'changelog', '--expire-after-days', '0'], { home }).stderr, /--expire-after-days: "0" is not a positive number of days/);
  const started = JSON.parse(ok(['canary', 'start', 'changelog', '--max-per-arm', '40', '--looks', '2', '--expire-after-days', '3', '--json'], home)) as {
    plan: { looks: { perArm: number }[] };
    startedAt: string;
    expiresAt: string;
  };
  assert.deepEqual(started.plan.looks.map((l) => l.perArm), [20, 40]);
  assert.equal(Date.parse(started.expiresAt) - Date.parse(started.startedAt), 3 * 24 * 3600 * 1000);
});
