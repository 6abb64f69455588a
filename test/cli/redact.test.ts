import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers';
import { privateKey, token } from '../core/redact/planted';

const gh = token.githubClassic();
const pem = privateKey('OPENSSH', 70);
const TEXT = [
  '# deploy notes',
  `export GITHUB_TOKEN="${gh}"`,
  'password: Zq81mWx0Lp',
  pem,
  'git clone https://ada:Wq8Zt3Lp@git.example.com/org/repo.git',
  'nothing secret here, reset your password in settings',
].join('\n');

function leakyFile(): string {
  const path = join(tempDir(), 'notes.md');
  writeFileSync(path, TEXT);
  return path;
}

test('redact FILE prints the text with every secret replaced and nothing else changed', () => {
  const r = runCli(['redact', leakyFile()]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      '# deploy notes',
      'export GITHUB_TOKEN="[REDACTED:github-token]"',
      'password: [REDACTED:password]',
      '[REDACTED:private-key]',
      'git clone https://[REDACTED:url-credentials]@git.example.com/org/repo.git',
      'nothing secret here, reset your password in settings',
    ].join('\n'),
  );
  assert.equal(r.stderr, '');
});

test('redact --json lists each finding with its type and line', () => {
  const path = leakyFile();
  const r = runCli(['redact', path, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    path,
    findings: [
      { type: 'github-token', line: 2 },
      { type: 'password', line: 3 },
      { type: 'private-key', line: 4 },
      { type: 'url-credentials', line: 4 + pem.split('\n').length },
    ],
  });
  assert.ok(!r.stdout.includes(gh));
});

test('redact - reads standard input', () => {
  const r = runCli(['redact', '-'], { input: `token ${gh}\n` });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'token [REDACTED:github-token]\n');
});

test('redact of a file that cannot be read exits 1 with one line naming it', () => {
  const missing = join(tempDir(), 'missing.txt');
  const r = runCli(['redact', missing]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `skillsmith: ${missing}: cannot read: no such file\n`);
  const dir = runCli(['redact', tempDir()]);
  assert.equal(dir.code, 1);
  assert.match(dir.stderr, /^skillsmith: .+: cannot read: .+\n$/);
});

test('redact without a file is a usage error', () => {
  assert.equal(runCli(['redact']).code, 2);
});
