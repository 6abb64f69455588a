/**
 * Ingest benchmarks.
 * 1. Throughput on a few MB of generated Claude Code and Codex JSONL, as a ratio to the floor every JSONL
 *    parser pays on the same bytes: reading them and JSON.parse-ing each line. The ingest is measured for
 *    files that may still grow (their redacted reader state is kept for resuming) and for finished history
 *    (older than the resume window: no state kept), beside the readers alone and the readers plus
 *    redaction, so the gap can be placed.
 * 2. A rescan of 10,000 unchanged small sessions, in seconds and as a ratio to ingesting them the first time.
 * Wall-clock times, best of a few runs (the machine may be shared).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest, INGEST_WRITE_DELAY_MS, type IngestOptions, type IngestReport } from '../src/core/ingest';
import { redactTrajectory } from '../src/core/redact';
import { StateStore } from '../src/core/store/database';
import { readTranscripts } from '../src/core/transcripts/read';
import { claudeCodeLines, codexLines, jsonl } from '../test/support/session-lines';

const CWD = '/home/dev/shop-api';

function id(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(12, '0')}`;
}

/** About `mb` MB of sessions: half Claude Code, half Codex, each a few hundred KB. */
function writeCorpus(dir: string, mb: number): number {
  let bytes = 0;
  for (let n = 0; bytes < mb * 1e6; n++) {
    const claude = jsonl(claudeCodeLines({ sessionId: id('aaaaaaaa-0000-4000-8000-', n), cwd: CWD, exchanges: 60, padding: 40 }));
    const codex = jsonl(codexLines({ sessionId: id('0199aaaa-0000-7000-8000-', n), cwd: CWD, exchanges: 60, padding: 40 }));
    mkdirSync(join(dir, 'claude'), { recursive: true });
    mkdirSync(join(dir, 'codex'), { recursive: true });
    writeFileSync(join(dir, 'claude', `${n}.jsonl`), claude);
    writeFileSync(join(dir, 'codex', `rollout-${n}.jsonl`), codex);
    bytes += Buffer.byteLength(claude) + Buffer.byteLength(codex);
  }
  return bytes;
}

/** 10,000 one-exchange sessions in 100 project folders. */
function writeSmallSessions(dir: string, count: number): void {
  for (let n = 0; n < count; n++) {
    const folder = join(dir, `project-${Math.floor(n / 100)}`);
    if (n % 100 === 0) mkdirSync(folder, { recursive: true });
    const sessionId = id('bbbbbbbb-0000-4000-8000-', n);
    writeFileSync(join(folder, `${sessionId}.jsonl`), jsonl(claudeCodeLines({ sessionId, cwd: CWD, exchanges: 1 })));
  }
}

/** The floor: read each file and JSON.parse every line. */
function parseFloor(dir: string): number {
  let lines = 0;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else for (const line of readFileSync(p, 'utf8').split('\n')) if (line) (JSON.parse(line), lines++);
    }
  };
  walk(dir);
  return lines;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [(performance.now() - start) / 1000, value];
}

async function best(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  let seconds = Infinity;
  for (let i = 0; i < runs; i++) seconds = Math.min(seconds, (await timed(fn))[0]);
  return seconds;
}

/** A full ingest into a fresh store, written to disk. */
async function ingestFresh(target: string, opts: IngestOptions = {}): Promise<IngestReport> {
  const home = mkdtempSync(join(tmpdir(), 'skillsmith-bench-home-'));
  const store = await StateStore.open(join(home, 'state.db'), { writeDelayMs: INGEST_WRITE_DELAY_MS });
  try {
    const report = await ingest(store, [target], opts);
    await store.flush();
    return report;
  } finally {
    await store.close();
    rmSync(home, { recursive: true, force: true });
  }
}

async function throughput(root: string): Promise<void> {
  const dir = join(root, 'corpus');
  const bytes = writeCorpus(dir, 4);
  const mb = bytes / 1e6;
  parseFloor(dir); // warm the page cache and the JIT
  const floor = await best(5, () => parseFloor(dir));
  console.log(`ingest throughput over ${mb.toFixed(1)} MB of Claude Code and Codex JSONL; floor (read + JSON.parse per line) ${(mb / floor).toFixed(1)} MB/s`);
  const report = await ingestFresh(dir);
  if (report.new === 0 || report.failed > 0) throw new Error(`bench corpus did not ingest: ${JSON.stringify(report.problems.slice(0, 3))}`);
  // the stages, to show where the time goes: the readers alone, then with redaction, then the whole ingest
  const stages: Array<[string, () => Promise<unknown>]> = [
    ['readers only (detect + parse)', () => readTranscripts(dir)],
    ['readers + redaction of the sessions', async () => (await readTranscripts(dir)).trajectories.map(redactTrajectory)],
    ['ingest, finished history (no state)', () => ingestFresh(dir, { resumeWindowMs: 0 })],
    ['ingest, live files (state kept)', () => ingestFresh(dir)],
  ];
  for (const [label, fn] of stages) {
    const seconds = await best(3, fn);
    console.log(`  ${label.padEnd(38)} ${(mb / seconds).toFixed(1).padStart(6)} MB/s  ratio ${(floor / seconds).toFixed(2)} of the floor`);
  }
  console.log('  (aim: ingest >= 0.5 of the floor)');
  await placeTheGap(dir, root, floor);
}

/** Parts of the ingest on their own, in multiples of the floor's time: what a ratio of 0.5 leaves room for. */
async function placeTheGap(dir: string, root: string, floor: number): Promise<void> {
  const { trajectories } = await readTranscripts(dir);
  const empty = join(root, 'empty');
  mkdirSync(empty, { recursive: true });
  const parts: Array<[string, () => Promise<unknown> | unknown]> = [
    ['redaction alone (sessions already read)', () => trajectories.map(redactTrajectory)],
    ['store open + flush + close, nothing read', () => ingestFresh(empty)],
  ];
  for (const [label, fn] of parts) {
    const seconds = await best(3, fn);
    console.log(`  ${label.padEnd(42)} ${(seconds * 1000).toFixed(1).padStart(6)} ms  = ${(seconds / floor).toFixed(2)} x the floor's time`);
  }
}

async function rescan(root: string): Promise<void> {
  const dir = join(root, 'small');
  const count = 10_000;
  writeSmallSessions(dir, count);
  const home = mkdtempSync(join(tmpdir(), 'skillsmith-bench-home-'));
  const store = await StateStore.open(join(home, 'state.db'), { writeDelayMs: INGEST_WRITE_DELAY_MS });
  try {
    const [full, first] = await timed(() => ingest(store, [dir]));
    if (first.new !== count) throw new Error(`expected ${count} new sessions, got ${first.new}`);
    await store.flush();
    let again: IngestReport | undefined;
    const seconds = await best(3, async () => {
      again = await ingest(store, [dir]);
    });
    if (again?.unchanged !== count || again.files.read !== 0) throw new Error(`rescan read something: ${JSON.stringify(again?.files)}`);
    console.log(`no-change rescan of ${count} sessions: ${seconds.toFixed(2)} s (aim < 1 s); first ingest ${full.toFixed(1)} s; ratio ${(seconds / full).toFixed(3)} of a full parse`);
  } finally {
    await store.close();
    rmSync(home, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'skillsmith-bench-ingest-'));
  try {
    await throughput(root);
    await rescan(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
