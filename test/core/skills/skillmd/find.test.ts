import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SkillsmithError } from '../../../../src/core/errors';
import { findSkillFolders, skillMdIn } from '../../../../src/core/skills/skillmd/find';
import { readSkillFolder, writeSkillMd } from '../../../../src/core/skills/skillmd/folder';
import { tempDir } from '../../../cli/helpers';
import { makeSkill, skillText } from './helpers';

const TEXT = skillText('name: x\ndescription: y');

test('finds skill folders recursively, sorted, skipping node_modules and .git but not other dot folders', async () => {
  const root = tempDir();
  const a = makeSkill(root, 'a', TEXT);
  const nested = makeSkill(root, 'group/deeper/b', TEXT);
  const hidden = makeSkill(root, '.claude/skills/c', TEXT);
  const lower = makeSkill(root, 'd', TEXT, { file: 'skill.md' });
  const inside = makeSkill(a, 'examples/e', TEXT);
  makeSkill(root, 'node_modules/pkg', TEXT);
  makeSkill(root, '.git/x', TEXT);
  makeSkill(root, 'not-a-skill', TEXT, { file: 'README.md' });
  assert.deepEqual(await findSkillFolders(root), [hidden, a, inside, lower, nested].sort());
});

test('a skill folder or its SKILL.md given directly', async () => {
  const root = tempDir();
  const dir = makeSkill(root, 'a', TEXT);
  assert.deepEqual(await findSkillFolders(dir), [dir]);
  assert.deepEqual(await findSkillFolders(join(dir, 'SKILL.md')), [dir]);
  writeFileSync(join(root, 'notes.md'), 'x');
  assert.deepEqual(await findSkillFolders(join(root, 'notes.md')), []);
});

test('a missing path is an error naming it; an empty folder has no skills', async () => {
  const root = tempDir();
  await assert.rejects(findSkillFolders(join(root, 'missing')), (e: unknown) => e instanceof SkillsmithError && e.where === join(root, 'missing'));
  mkdirSync(join(root, 'empty'));
  assert.deepEqual(await findSkillFolders(join(root, 'empty')), []);
});

test('symbolic links to folders are followed once, without looping', async () => {
  const root = tempDir();
  const real = makeSkill(root, 'store/a', TEXT);
  mkdirSync(join(root, 'skills'));
  symlinkSync(real, join(root, 'skills', 'a'));
  symlinkSync(root, join(root, 'skills', 'loop'));
  const found = await findSkillFolders(join(root, 'skills'));
  assert.deepEqual(found, [join(root, 'skills', 'a')]);
});

test('skillMdIn prefers SKILL.md and accepts skill.md', async () => {
  const root = tempDir();
  const dir = makeSkill(root, 'a', TEXT, { file: 'skill.md' });
  assert.equal(await skillMdIn(dir), join(dir, 'skill.md'));
  writeFileSync(join(dir, 'SKILL.md'), TEXT);
  assert.equal(await skillMdIn(dir), join(dir, 'SKILL.md'));
  assert.equal(await skillMdIn(join(root, 'none')), undefined);
});

test('readSkillFolder and writeSkillMd: read, edit, write back atomically, keeping the file mode', async () => {
  const root = tempDir();
  const dir = makeSkill(root, 'x', TEXT);
  const { chmodSync, readFileSync, statSync, readdirSync } = await import('node:fs');
  chmodSync(join(dir, 'SKILL.md'), 0o640);
  const read = await readSkillFolder(dir);
  assert.equal(read.file, join(dir, 'SKILL.md'));
  assert.equal(read.parsed.data.name, 'x');
  const file = await writeSkillMd(dir, read.text.replace('description: y', 'description: z'));
  assert.equal(readFileSync(file, 'utf8'), TEXT.replace('description: y', 'description: z'));
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir), ['SKILL.md']);
  await assert.rejects(writeSkillMd(dir, 'no frontmatter'), /no YAML frontmatter/);
  assert.equal(readFileSync(file, 'utf8'), TEXT.replace('description: y', 'description: z'));
  await assert.rejects(readSkillFolder(root), /no SKILL\.md/);
});
