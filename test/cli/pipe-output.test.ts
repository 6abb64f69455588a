import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claudeCodeLines, jsonl } from '../support/session-lines';
import { scratchDir } from '../support/scratch';
import { CLI, runCli } from './helpers';

const MB = 1024 * 1024;

/**
 * Runs the CLI twice (in `homes[0]`, then `homes[1]`: two fresh ones for a command that changes its home) through bash: once into a file, once into a pipe read by another node process (which
 * starts slower than the CLI writes, so the pipe buffer fills). Returns both outputs and exit codes.
 */
function pipedAndFiled(args: string[], homes: [string, string]): { file: Buffer; piped: Buffer; fileCode: number; pipeCode: number; stderr: string } {
  const dir = scratchDir('skillsmith-pipe-');
  const quoted = [CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const node = `'${process.execPath}'`;
  const consumer = `${node} -e 'const fs=require("fs");const o=fs.createWriteStream(process.argv[1]);process.stdin.pipe(o)' '${dir}/piped'`;
  const script = [
    `SKILLSMITH_HOME='${homes[0]}' ${node} ${quoted} > '${dir}/file'; echo $? > '${dir}/file.rc'`,
    `SKILLSMITH_HOME='${homes[1]}' ${node} ${quoted} | ${consumer}; echo "\${PIPESTATUS[0]}" > '${dir}/pipe.rc'`,
  ].join('\n');
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  return {
    file: readFileSync(join(dir, 'file')),
    piped: readFileSync(join(dir, 'piped')),
    fileCode: Number(readFileSync(join(dir, 'file.rc'), 'utf8')),
    pipeCode: Number(readFileSync(join(dir, 'pipe.rc'), 'utf8')),
    stderr: r.stderr,
  };
}

function assertSameThroughPipe(args: string[], home: string | [string, string], minBytes: number, code = 0): void {
  const r = pipedAndFiled(args, typeof home === 'string' ? [home, home] : home);
  const what = `skillsmith ${args.join(' ')}`;
  assert.equal(r.fileCode, code, `${what} into a file: ${r.stderr}`);
  assert.ok(r.file.length >= minBytes, `${what} wrote ${r.file.length} bytes into a file, expected at least ${minBytes}`);
  assert.equal(r.pipeCode, code, `${what} into a pipe`);
  assert.equal(r.piped.length, r.file.length, `${what}: bytes through a pipe vs into a file`);
  assert.ok(r.piped.equals(r.file), `${what}: the piped output differs from the file's`);
}

test('--json output of several MB arrives whole through a pipe, as it does into a file', () => {
  const work = scratchDir('skillsmith-pipe-work-');
  const home = join(work, 'home');

  // inspect: one long session
  const session = join(work, 'long.jsonl');
  writeFileSync(session, jsonl(claudeCodeLines({ sessionId: 'a1b2c3d4-long', cwd: '/home/dev/shop', exchanges: 3000, padding: 40 })));
  assertSameThroughPipe(['inspect', session, '--json'], home, 3 * MB);

  // ingest: thousands of unreadable files with long paths, one problem line each
  const deep = join(work, 'g', 'd'.repeat(200), 'e'.repeat(200), 'f'.repeat(200));
  mkdirSync(deep, { recursive: true });
  for (let i = 0; i < 3000; i++) writeFileSync(join(deep, `${'x'.repeat(200)}-${i}.jsonl`), '{not json\n');
  // (every file unreadable: exit 1, the same way into a pipe)
  assertSameThroughPipe(['ingest', join(work, 'g'), '--json'], [join(work, 'ingest-a'), join(work, 'ingest-b')], 2 * MB, 1);

  // library show: a skill with a large reference file; validate of the same folder
  const skill = join(work, 'big-skill');
  mkdirSync(join(skill, 'references'), { recursive: true });
  writeFileSync(join(skill, 'SKILL.md'), '---\nname: big-skill\ndescription: Use when checking that large skills print whole.\n---\n\n# Big skill\n\nSee the reference.\n');
  writeFileSync(join(skill, 'references', 'notes.md'), Array.from({ length: 60000 }, (_, i) => `line ${i} of the notes, some words to fill it`).join('\n'));
  assert.equal(runCli(['library', 'add', skill, '-r', 'test'], { home }).code, 0);
  assertSameThroughPipe(['library', 'show', 'big-skill', '--json'], home, 2 * MB);

  // match --batch: one JSON line per query
  const queries = join(work, 'queries.txt');
  writeFileSync(queries, Array.from({ length: 12000 }, (_, i) => `check that large skills print whole, query ${i} ${'word '.repeat(20)}`).join('\n'));
  assertSameThroughPipe(['match', '--batch', queries, '--json'], home, 2 * MB);

  // sources and status print little, but go through the same exit path
  assertSameThroughPipe(['sources', '--json'], home, 2);
  assertSameThroughPipe(['status', '--json'], home, 2);
});

test('a reader that closes the pipe early ends the CLI without an error trace', () => {
  const work = scratchDir('skillsmith-pipe-head-');
  const session = join(work, 'long.jsonl');
  writeFileSync(session, jsonl(claudeCodeLines({ sessionId: 'a1b2c3d4-head', cwd: '/home/dev/shop', exchanges: 2000, padding: 40 })));
  const r = spawnSync('bash', ['-c', `'${process.execPath}' '${CLI}' inspect '${session}' --json | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`], {
    env: { ...process.env, SKILLSMITH_HOME: join(work, 'home') },
    encoding: 'utf8',
  });
  assert.doesNotMatch(r.stderr, /EPIPE|Error/, r.stderr);
  assert.equal(r.stdout.trim(), '0');
});
