/**
 * Fuzzing the readers with inputs of the real formats (our fixtures, and the public samples when present),
 * truncated, corrupted, spliced and re-typed with a seeded PRNG: readTranscripts must never throw, must
 * report only one-line problems that name a file, and whatever it returns must be well-formed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { JsonlReader } from '../../../src/core/transcripts/adapter';
import { chooseReader, sampleFile } from '../../../src/core/transcripts/detect';
import type { Trajectory } from '../../../src/core/transcripts/model';
import { readJsonlFrom, readTranscripts } from '../../../src/core/transcripts/read';
import { READERS } from '../../../src/core/transcripts/registry';
import { seededRandom as prng } from '../../../src/core/evolve/canary/random';
import { FIXTURES, SHARED, hasShared, tempDir } from './helpers';

const SEED = 0x5eed;
const ROUNDS_PER_FILE = 10;
const MAX_BYTES = 2 * 1024 * 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) return filesUnder(p);
    return s.size > 0 && s.size <= MAX_BYTES && name !== 'MANIFEST.tsv' ? [p] : [];
  });
}

const inputs = [...filesUnder(FIXTURES), ...(hasShared ? filesUnder(SHARED) : [])];

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, n: number) => Math.floor(r() * n);

const ODD_VALUES: unknown[] = [null, 0, -1, 1e308, '', 'x', true, [], {}, [1, 'a', null], { a: {} }, '{"k":', '__proto__', 'a\u0000b'];

/** Replaces (or deletes) one value somewhere inside a parsed JSON value. */
function retype(r: Rand, v: unknown, depth = 0): unknown {
  if (typeof v !== 'object' || v === null || depth > 12 || r() < 0.15) return pick(r, ODD_VALUES);
  if (Array.isArray(v)) {
    if (v.length === 0) return pick(r, ODD_VALUES);
    const copy = [...v];
    const i = int(r, copy.length);
    copy[i] = retype(r, copy[i], depth + 1);
    return copy;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return pick(r, ODD_VALUES);
  const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  const k = pick(r, keys);
  if (r() < 0.2) delete copy[k];
  else copy[k] = retype(r, copy[k], depth + 1);
  return copy;
}

function retypeText(r: Rand, text: string): string {
  const lines = text.split('\n');
  const jsonl = lines.filter((l) => l.trim()).every((l) => l.trimStart().startsWith('{'));
  if (jsonl && lines.length > 1) {
    for (let n = 0; n < 3; n++) {
      const i = int(r, lines.length);
      try {
        lines[i] = JSON.stringify(retype(r, JSON.parse(lines[i]!)));
      } catch {
        continue;
      }
    }
    return lines.join('\n');
  }
  try {
    return JSON.stringify(retype(r, JSON.parse(text)), null, 2);
  } catch {
    return text;
  }
}

/** One damaged copy of `bytes`; `other` is another input to splice with. */
function mutate(r: Rand, bytes: Buffer, other: Buffer): Buffer {
  switch (int(r, 6)) {
    case 0: // truncated anywhere, mid-line and mid-character included
      return bytes.subarray(0, int(r, bytes.length + 1));
    case 1: {
      // a run of random bytes overwritten
      const out = Buffer.from(bytes);
      const at = int(r, out.length);
      for (let i = at; i < Math.min(out.length, at + 1 + int(r, 64)); i++) out[i] = int(r, 256);
      return out;
    }
    case 2: // the head of one file on the tail of another
      return Buffer.concat([bytes.subarray(0, int(r, bytes.length + 1)), other.subarray(int(r, other.length + 1))]);
    case 3: {
      // lines dropped, repeated and shuffled locally
      const lines = bytes.toString('utf8').split('\n');
      for (let n = 0; n < 3; n++) {
        const i = int(r, lines.length);
        if (r() < 0.5) lines.splice(i, 1);
        else lines.splice(int(r, lines.length), 0, lines[i] ?? '');
      }
      return Buffer.from(lines.join('\n'));
    }
    case 4: // values of unexpected types where the readers look
      return Buffer.from(retypeText(r, bytes.toString('utf8')));
    default: {
      // structural characters sprinkled in
      const text = bytes.toString('utf8');
      const at = int(r, text.length + 1);
      return Buffer.from(text.slice(0, at) + pick(r, ['{', '}', '"', '\n', ']', ',', '\\', '\n{"type":', '\u0000']) + text.slice(at));
    }
  }
}

function assertWellFormed(t: Trajectory): void {
  assert.equal(typeof t.source, 'string');
  assert.equal(typeof t.format, 'string');
  assert.ok(typeof t.sessionId === 'string' && t.sessionId.length > 0, 'session id');
  assert.ok(t.turns.length > 0, 'a trajectory has turns');
  for (const turn of t.turns) {
    assert.ok(turn.role === 'user' || turn.role === 'assistant');
    assert.equal(typeof turn.text, 'string');
    assert.ok(Array.isArray(turn.toolCalls));
    for (const c of turn.toolCalls) {
      assert.equal(typeof c.name, 'string');
      if (c.output !== undefined) assert.equal(typeof c.output, 'string');
    }
  }
  JSON.stringify(t);
}

test(`fuzz: ${inputs.length} inputs × ${ROUNDS_PER_FILE} damaged copies never throw and give one-line problems`, async () => {
  assert.ok(inputs.length >= 10, 'fixtures found');
  const r = prng(SEED);
  const dir = tempDir('skillsmith-fuzz-');
  const originals = inputs.map((p) => readFileSync(p));
  let n = 0;
  for (const [i, input] of inputs.entries()) {
    for (let round = 0; round < ROUNDS_PER_FILE; round++) {
      const damaged = mutate(r, originals[i]!, pick(r, originals));
      const caseDir = join(dir, String(n++));
      mkdirSync(caseDir);
      const path = join(caseDir, basename(input));
      writeFileSync(path, damaged);
      const label = `${input} (case ${n - 1})`;
      const out = await readTranscripts(path).catch((e: unknown) => assert.fail(`${label}: readTranscripts threw ${String(e)}`));
      for (const p of out.problems) {
        assert.ok(p.file.startsWith(caseDir), `${label}: problem names its file: ${JSON.stringify(p)}`);
        assert.ok(p.reason.length > 0 && !p.reason.includes('\n'), `${label}: one-line reason: ${JSON.stringify(p)}`);
        assert.ok(!/\n\s+at /.test(p.reason), `${label}: no stack trace`);
      }
      for (const t of out.trajectories) assertWellFormed(t);
    }
  }
});

test('fuzz: resuming a JSONL file from any line boundary gives the same sessions as one read', async () => {
  const r = prng(SEED + 1);
  const dir = tempDir('skillsmith-resume-');
  let checked = 0;
  for (const input of inputs) {
    const reader = chooseReader(input, await sampleFile(input), READERS);
    if (reader?.kind !== 'jsonl') continue;
    const jsonl = reader as JsonlReader<unknown>;
    const bytes = readFileSync(input);
    const boundaries = [...bytes.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i + 1);
    const cut = boundaries.length > 1 ? pick(r, boundaries.slice(0, -1)) : 0;
    const path = join(dir, `${checked}-${basename(input)}`);
    writeFileSync(path, bytes.subarray(0, cut));
    const first = await readJsonlFrom(path, jsonl);
    assert.equal(first.offset, cut, input);
    copyFileSync(input, path); // the file grew
    const saved = JSON.parse(JSON.stringify(first.state)) as unknown;
    const rest = await readJsonlFrom(path, jsonl, saved, first.offset, first.line);
    const whole = await readJsonlFrom(path, jsonl);
    assert.deepEqual(rest.trajectories, whole.trajectories, input);
    assert.deepEqual([...first.problems, ...rest.problems].map((p) => p.reason), whole.problems.map((p) => p.reason), input);
    assert.equal(rest.offset, bytes.length, input);
    checked++;
  }
  assert.ok(checked >= 8, `resumable inputs found: ${checked}`);
});

test('fuzz: the damaged inputs include Copilot CLI /share exports and Gemini CLI sessions', async () => {
  const formats = new Set<string>();
  for (const input of inputs) {
    const reader = chooseReader(input, await sampleFile(input), READERS);
    if (reader) formats.add(reader.format);
  }
  for (const format of ['copilot-cli-share', 'gemini-cli-session']) assert.ok(formats.has(format), `a ${format} input is fuzzed (${[...formats].join(', ')})`);
});
