import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { READERS } from '../../../src/core/transcripts/registry';
import { discoverSources, locationUnits, WorkspaceFilter, type DiscoveryEnvironment } from '../../../src/core/transcripts/discovery';
import { scratchDir } from '../../support/scratch';

function env(platform: NodeJS.Platform, home: string, vars: Record<string, string> = {}): DiscoveryEnvironment {
  return { platform, home, env: vars };
}

function gemini(e: DiscoveryEnvironment) {
  const found = discoverSources({ environment: e }).filter((l) => l.agent === 'gemini-cli');
  assert.equal(found.length, 1, JSON.stringify(found));
  return found[0]!;
}

function touch(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '{}');
  return path;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

test('Gemini CLI: ~/.gemini/tmp on every OS, moved by $GEMINI_CLI_HOME', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    const home = scratchDir('skillsmith-home-');
    const location = gemini(env(platform, home));
    assert.equal(location.path, join(home, '.gemini', 'tmp'), platform);
    assert.equal(location.label, 'Gemini CLI');
    assert.equal(location.link, 'hash');
    assert.equal(gemini(env(platform, home, { GEMINI_CLI_HOME: join(home, 'elsewhere') })).path, join(home, 'elsewhere', '.gemini', 'tmp'), platform);
  }
});

test('Gemini CLI: the session files under each project folder are the units; logs and checkpoints are not', async () => {
  const home = scratchDir('skillsmith-home-');
  const tmp = join(home, '.gemini', 'tmp');
  const hash = sha256('/home/u/api');
  const expected = [touch(join(tmp, hash, 'chats', 'session-2026-01-02T10-00-aaaa1111.json')), touch(join(tmp, 'api', 'chats', 'session-2026-01-03T10-00-bbbb2222.json'))];
  touch(join(tmp, hash, 'logs.json'));
  touch(join(tmp, hash, 'checkpoint-start.json'));
  touch(join(tmp, hash, 'chats', 'notes.txt'));
  const units = await locationUnits(gemini(env('linux', home)), READERS);
  assert.deepEqual(units.map((u) => u.path).sort(), expected.sort());
  assert.equal(units.find((u) => u.path === expected[0])!.linkKey, hash);
});

test('Gemini CLI: a project folder named by the hash of the workspace path is the workspace; another hash is not', async () => {
  const home = scratchDir('skillsmith-home-');
  const workspace = join(home, 'work', 'api');
  mkdirSync(workspace, { recursive: true });
  const tmp = join(home, '.gemini', 'tmp');
  touch(join(tmp, sha256(workspace), 'chats', 'session-1.json'));
  touch(join(tmp, sha256(join(home, 'work', 'blog')), 'chats', 'session-2.json'));
  touch(join(tmp, 'api', 'chats', 'session-3.json'));
  const filter = new WorkspaceFilter(workspace);
  const verdicts = Object.fromEntries((await locationUnits(gemini(env('linux', home)), READERS)).map((u) => [u.path.slice(tmp.length + 1, tmp.length + 9), filter.verdict(u)]));
  assert.deepEqual(verdicts, { [sha256(workspace).slice(0, 8)]: 'yes', [sha256(join(home, 'work', 'blog')).slice(0, 8)]: 'no', 'api/chat': 'unknown' });
});
