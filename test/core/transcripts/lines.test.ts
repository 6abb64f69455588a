import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFile } from '../../../src/core/transcripts/detect';
import { readLines, type RawLine } from '../../../src/core/transcripts/lines';
import { cloneJson } from '../../../src/core/transcripts/values';
import { tempDir } from './helpers';

/** The lines of `bytes` from `offset`, split the obvious way: what the chunked reader must agree with. */
function expectedLines(bytes: Buffer, offset: number, firstLine: number): RawLine[] {
  const out: RawLine[] = [];
  let from = offset;
  let line = firstLine;
  for (let nl = bytes.indexOf(0x0a, from); nl !== -1; nl = bytes.indexOf(0x0a, from)) {
    const text = bytes.subarray(from, nl).toString('utf8');
    out.push({ line: line++, text: text.endsWith('\r') ? text.slice(0, -1) : text, end: nl + 1, complete: true });
    from = nl + 1;
  }
  if (from < bytes.length) out.push({ line, text: bytes.subarray(from).toString('utf8'), end: bytes.length, complete: false });
  return out;
}

async function readAll(path: string, offset = 0, firstLine = 1): Promise<RawLine[]> {
  const out: RawLine[] = [];
  for await (const raw of readLines(path, offset, firstLine)) out.push(raw);
  return out;
}

/** Lines of many lengths (one longer than any read buffer), CRLF endings, blank lines, and multi-byte text everywhere. */
function awkwardFile(): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < 400; i++) {
    const text = `{"n":${i},"t":"${'é€😀x'.repeat((i * 37) % 700)}"}`;
    parts.push(i % 7 === 0 ? `${text}\r\n` : i % 11 === 0 ? '\n' : `${text}\n`);
  }
  parts.push(`{"long":"${'ü'.repeat(1_500_000)}"}\n`);
  parts.push('{"last":"still being writ');
  return Buffer.from(parts.join(''), 'utf8');
}

test('the chunked line reader gives the lines, ends and numbers a plain split gives, from any offset', async () => {
  const bytes = awkwardFile();
  const path = join(tempDir(), 'awkward.jsonl');
  writeFileSync(path, bytes);
  assert.deepEqual(await readAll(path), expectedLines(bytes, 0, 1));
  const lines = expectedLines(bytes, 0, 1);
  for (const i of [1, 57, 200, 399, 400]) {
    const at = lines[i - 1]!;
    assert.deepEqual(await readAll(path, at.end, at.line + 1), expectedLines(bytes, at.end, at.line + 1), `from line ${i}`);
  }
});

test('sampling a file reads the same first records whether or not they fit in the head', async () => {
  const dir = tempDir();
  const small = join(dir, 'small.jsonl');
  writeFileSync(small, '{"a":1}\r\n\n{"b":"ü"}\n{"c":3}\n{"d":4}\n{"e":5}\n{"f":6}\n');
  assert.deepEqual((await sampleFile(small)).records, [{ a: 1 }, { b: 'ü' }, { c: 3 }, { d: 4 }, { e: 5 }]);
  const unfinished = join(dir, 'unfinished.jsonl');
  writeFileSync(unfinished, '{"a":1}\n{"b":2}');
  assert.deepEqual((await sampleFile(unfinished)).records, [{ a: 1 }, { b: 2 }]);
  const corrupt = join(dir, 'corrupt.jsonl');
  writeFileSync(corrupt, '{"a":1}\n{"b":\n{"c":3}\n');
  assert.deepEqual((await sampleFile(corrupt)).records, [{ a: 1 }]);
  // a first line longer than the head: the rest of the file is read for it
  const long = join(dir, 'long.jsonl');
  const big = 'x'.repeat(200_000);
  writeFileSync(long, `{"big":"${big}"}\n{"b":2}\n`);
  assert.deepEqual((await sampleFile(long)).records, [{ big }, { b: 2 }]);
});

test('cloneJson is a JSON round trip without the text', () => {
  const parsed = JSON.parse('{"__proto__":{"x":1},"a":[1,-0,"s",null,{"b":true}],"c":{}}') as unknown;
  const values: unknown[] = [
    parsed,
    { keep: 1, drop: undefined, fn: () => 1, arr: [undefined, () => 1, Symbol('s'), NaN, Infinity, -0] },
    { when: new Date(0), nested: [{ deep: [[{}]] }] },
    [1, 'two', { three: 3 }],
  ];
  for (const v of values) {
    const copy = cloneJson(v);
    assert.deepEqual(copy, JSON.parse(JSON.stringify(v)));
    assert.equal(JSON.stringify(copy), JSON.stringify(v));
  }
  const copy = cloneJson(parsed) as { __proto__: unknown; a: unknown[] };
  assert.equal(Object.getPrototypeOf(copy), Object.prototype, 'a __proto__ key stays a member');
  assert.notEqual(copy.a, (parsed as { a: unknown[] }).a, 'nothing is shared');
});
