import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SKILL_MD_MAX_CHARS } from '../../src/core/skills/skillmd/types';
import { scratchDir } from '../support/scratch';
import { runCli } from './helpers';

function skillFolder(root: string, name: string, bodyChars: number): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const line = 'Check the dashboard before changing anything.\n';
  writeFileSync(join(dir, 'SKILL.md'), `---\nname: ${name}\ndescription: A runbook.\n---\n\n# Runbook\n\n${line.repeat(Math.ceil(bodyChars / line.length))}`);
  return dir;
}

test('library add refuses a SKILL.md over the size limit, naming the file and its size; one under it is added', () => {
  const root = scratchDir('skillsmith-size-');
  const home = join(root, 'home');
  const big = skillFolder(root, 'huge-runbook', SKILL_MD_MAX_CHARS + 10);
  const run = runCli(['library', 'add', big], { home });
  assert.notEqual(run.code, 0);
  assert.match(run.stderr, new RegExp(`${big.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*SKILL\\.md is [\\d,]+ characters, over the ${SKILL_MD_MAX_CHARS.toLocaleString('en-US')} a SKILL\\.md may have`), run.stderr);
  assert.equal(runCli(['library', 'list', '--json'], { home }).stdout.includes('huge-runbook'), false);

  const fine = skillFolder(root, 'long-runbook', 250_000);
  const added = runCli(['library', 'add', fine], { home });
  assert.equal(added.code, 0, added.stderr);
});

test('library add takes a skill whose name is outside ASCII', () => {
  const root = scratchDir('skillsmith-names-');
  const home = join(root, 'home');
  for (const name of ['café-tips', '部署']) {
    const added = runCli(['library', 'add', skillFolder(root, name, 100)], { home });
    assert.equal(added.code, 0, added.stderr);
  }
});
