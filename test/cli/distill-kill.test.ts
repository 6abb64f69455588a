import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StateStore } from '../../src/core/store/database';
import { scratchDir } from '../support/scratch';
import { CLI, runCli } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');

/** A small seeded generator (mulberry32): the same seed picks the same kill points on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function git(home: string, args: string[]): string {
  const r = spawnSync('git', ['-C', join(home, 'library'), ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** SKILL.md of `skill` at commit `oid`: what a version id means across two homes (ids differ by time). */
function contentAt(home: string, oid: string, skill: string): string {
  const r = spawnSync('git', ['-C', join(home, 'library'), 'show', `${oid}:${skill}/SKILL.md`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : `(no ${skill} at this version)`;
}

interface Snapshot {
  refs: string[];
  lockFiles: string[];
  library: Record<string, string[]>;
  candidates: Record<string, string[]>;
  stages: string[];
  atoms: string[];
  evidence: string[];
  provenance: string[];
}

function lockFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.lock'));
}

/** Everything a run leaves that a kill could spoil, with version ids replaced by the content they hold. */
async function snapshot(home: string): Promise<Snapshot> {
  const refs = git(home, ['for-each-ref', '--format=%(refname)']).split('\n').filter(Boolean).sort();
  const history = (range: string, skill: string) =>
    git(home, ['rev-list', '--reverse', range, '--', skill]).split('\n').filter(Boolean).map((oid) => contentAt(home, oid, skill));
  const listed = JSON.parse(runCli(['library', 'list', '--json'], { home }).stdout) as { name: string }[];
  const library = Object.fromEntries(listed.map((s) => [s.name, history('main', s.name)]));
  const candidateRefs = refs.filter((r) => r.startsWith('refs/heads/candidate/'));
  const candidates = Object.fromEntries(
    candidateRefs.map((r) => {
      const skill = r.slice('refs/heads/candidate/'.length);
      return [skill, history(`main..${r}`, skill)];
    }),
  );
  const store = await StateStore.open(join(home, 'state.db'), { readOnly: true });
  try {
    const version = (skill: string, v: string | null) => (v && /^[0-9a-f]{40}$/.test(v) ? contentAt(home, v, skill) : String(v));
    return {
      refs: refs.map((r) => r.replace(/^refs\/heads\/candidate\//, 'candidate:')),
      lockFiles: lockFilesUnder(join(home, 'library', '.git', 'refs')),
      library,
      candidates,
      stages: store.all<{ k: string; s: string; t: number; h: string }>('SELECT session_key k, stage s, split_turns t, content_hash h FROM distill_sessions ORDER BY k').map((r) => `${r.k} ${r.s} ${r.t} ${r.h}`),
      atoms: store.all<{ id: string; k: string; d: string; r: number }>('SELECT id, session_key k, data d, routed r FROM atoms ORDER BY id').map((r) => `${r.id} ${r.k} ${r.r} ${r.d}`),
      evidence: store
        .all<{ a: string; s: string; w: number; kind: string; c: string | null }>('SELECT atom_id a, skill s, weight w, kind, consumed_by c FROM evidence ORDER BY a, s')
        .map((r) => `${r.a} ${r.s} ${r.w} ${r.kind} ${version(r.s, r.c)}`),
      provenance: store
        .all<{ s: string; v: string; a: string; k: string }>('SELECT skill s, version v, atom_id a, session_key k FROM provenance ORDER BY s, a')
        .map((r) => `${r.s} ${r.a} ${r.k} ${version(r.s, r.v)}`),
    };
  } finally {
    await store.close();
  }
}

/** Starts distill and SIGKILLs it `delayMs` after its stderr shows `line` (or lets it finish if it never does). */
async function killDistillAt(home: string, line: string, delayMs: number): Promise<boolean> {
  const child = spawn(process.execPath, [CLI, 'distill', SAMPLES, '--offline', '--verbose', '--home', home], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
  let seen = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (seen.includes(line)) return;
    seen += chunk;
    if (seen.includes(line)) setTimeout(() => child.kill('SIGKILL'), delayMs);
  });
  return (await exited) === 'SIGKILL';
}

/** The progress lines of the routing and writing phases, as one uninterrupted run prints them. */
function killPoints(home: string): string[] {
  const r = spawnSync(process.execPath, [CLI, 'distill', SAMPLES, '--offline', '--verbose', '--home', home], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const points = [...r.stderr.matchAll(/^\[debug\] progress: ((?:route|write) .*)$/gm)].map((m) => `progress: ${m[1]}`);
  assert.ok(points.some((p) => p.startsWith('progress: route')) && points.some((p) => p.startsWith('progress: write')), r.stderr);
  return points;
}

test('distill SIGKILLed at seeded random points while routing and writing, then run again, leaves the library and state of one clean run', async () => {
  const clean = scratchDir('skillsmith-kill-clean-');
  const points = killPoints(clean);
  const expected = await snapshot(clean);
  assert.ok(Object.keys(expected.candidates).length >= 1, 'the clean run wrote drafts');
  assert.ok(expected.provenance.length >= 1, 'the clean run recorded provenance');

  const random = seeded(11);
  let killed = 0;
  for (let trial = 0; trial < 8; trial++) {
    const home = scratchDir('skillsmith-kill-');
    const kills: string[] = [];
    // one or two kills, each at a progress line of routing or writing plus up to 60 ms
    const times = 1 + Math.floor(random() * 2);
    for (let k = 0; k < times; k++) {
      const point = points[Math.floor(random() * points.length)];
      const delay = Math.floor(random() * 60);
      if (await killDistillAt(home, point, delay)) killed++;
      kills.push(`${point} +${delay} ms`);
    }
    const again = runCli(['distill', SAMPLES, '--offline'], { home });
    const where = `trial ${trial}, killed at: ${kills.join('; ')}`;
    assert.equal(again.code, 0, `${where}: ${again.stderr}`);
    assert.deepEqual(await snapshot(home), expected, where);
    const fsck = spawnSync('git', ['-C', join(home, 'library'), 'fsck', '--full'], { encoding: 'utf8' });
    assert.equal(fsck.status, 0, `${where}: ${fsck.stderr}`);
  }
  assert.ok(killed >= 4, `at least half the trials killed a run before it finished (${killed})`);
});
