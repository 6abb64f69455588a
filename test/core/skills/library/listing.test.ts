import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fs from 'node:fs';
import isogit, { Errors } from 'isomorphic-git';
import { SkillLibrary } from '../../../../src/core/skills/library/library';
import { snapshotFs } from '../../../../src/core/skills/library/snapshot-fs';
import type { LibrarySkill } from '../../../../src/core/skills/library/types';
import { git, noGitReason, skillMd, tempDir, writeSkill } from './helpers';

const LISTING_FILE = join('.git', 'skillsmith-listing.json');

/** What the listing must say, asked of the real git command: folders at HEAD, their latest first-parent change. */
function listingByGit(dir: string): LibrarySkill[] {
  const names = run(dir, 'ls-tree', '--name-only', '-d', 'HEAD').split('\n').filter((n) => n && !n.startsWith('.'));
  return names.sort().map((name) => {
    const [id, seconds] = run(dir, 'log', '-1', '--first-parent', '--format=%H %ct', 'HEAD', '--', name).split(' ');
    const description = /^description: (.*)$/m.exec(run(dir, 'show', `HEAD:${name}/SKILL.md`))?.[1] ?? '';
    return { name, description, version: id!, updatedAt: new Date(Number(seconds) * 1000).toISOString() };
  });
}

function run(dir: string, ...args: string[]): string {
  const r = git(dir, ...args);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

/** Commits with the git command, as a user or another tool would, behind the library's back. */
function commitByGit(dir: string, message: string): void {
  run(dir, 'add', '-A');
  run(dir, '-c', 'user.name=Someone Else', '-c', 'user.email=else@localhost', 'commit', '-q', '-m', message);
}

function writeByHand(dir: string, name: string, description: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'SKILL.md'), skillMd(name, 'Edited outside Skillsmith.', description));
}

async function libraryOf(names: string[]): Promise<{ lib: SkillLibrary; dir: string }> {
  const root = tempDir();
  const dir = join(root, 'library');
  const lib = await SkillLibrary.open(dir);
  for (const name of names) await lib.add(writeSkill(join(root, 'src'), name, `Steps for ${name}.`));
  return { lib, dir };
}

test('the listing follows commits made with the git command, in this process and in a new one', { skip: noGitReason }, async () => {
  const { lib, dir } = await libraryOf(['alpha', 'beta', 'delta', 'epsilon', 'gamma']);
  assert.deepEqual(await lib.list(), listingByGit(dir));
  assert.equal(JSON.parse(readFileSync(join(dir, LISTING_FILE), 'utf8')).tip, run(dir, 'rev-parse', 'HEAD'), 'the listing is saved with the tip it was read at');

  writeByHand(dir, 'beta', 'Beta, as rewritten by hand.');
  commitByGit(dir, 'edit beta by hand');
  const afterOneEdit = await lib.list();
  assert.equal(afterOneEdit.find((s) => s.name === 'beta')?.description, 'Beta, as rewritten by hand.');
  assert.deepEqual(afterOneEdit, listingByGit(dir));

  writeByHand(dir, 'zeta', 'Zeta, added with git.');
  run(dir, 'rm', '-rq', 'gamma');
  commitByGit(dir, 'add zeta, remove gamma');
  const expected = listingByGit(dir);
  assert.deepEqual(expected.map((s) => s.name), ['alpha', 'beta', 'delta', 'epsilon', 'zeta']);
  assert.deepEqual(await lib.list(), expected);
  assert.deepEqual(await (await SkillLibrary.open(dir)).list(), expected, 'a new process reads the saved listing of an older tip and catches up');
});

test('the listing stays right when the git command rewrites history under it', { skip: noGitReason }, async () => {
  const { lib, dir } = await libraryOf(['alpha', 'beta']);
  writeByHand(dir, 'beta', 'Beta, a change that will be undone.');
  commitByGit(dir, 'change beta');
  assert.equal((await lib.list()).find((s) => s.name === 'beta')?.description, 'Beta, a change that will be undone.');

  run(dir, 'reset', '-q', '--hard', 'HEAD~1');
  writeByHand(dir, 'alpha', 'Alpha, on the rewritten branch.');
  commitByGit(dir, 'change alpha instead');
  const listed = await lib.list();
  assert.equal(listed.find((s) => s.name === 'beta')?.description, 'Handles beta tasks. Use when the user works on beta.');
  assert.deepEqual(listed, listingByGit(dir));
});

test('a packed library lists the same, and a damaged saved listing is ignored and replaced', { skip: noGitReason }, async () => {
  const { lib, dir } = await libraryOf(['alpha', 'beta', 'gamma']);
  const loose = await lib.list();
  run(dir, 'gc', '-q');
  assert.equal(existsSync(join(dir, '.git', 'objects', 'pack')), true);
  writeFileSync(join(dir, LISTING_FILE), '{"format":1,"tip":"not a commit","skills":[');
  const reopened = await SkillLibrary.open(dir);
  assert.deepEqual(await reopened.list(), loose);
  assert.deepEqual(loose, listingByGit(dir));
  assert.equal(JSON.parse(readFileSync(join(dir, LISTING_FILE), 'utf8')).tip, run(dir, 'rev-parse', 'HEAD'));
});

test('descriptions come through YAML the plain reading does not take (folded, quoted), and a bad SKILL.md lists as empty', { skip: noGitReason }, async () => {
  const { lib, dir } = await libraryOf(['alpha']);
  mkdirSync(join(dir, 'folded'));
  writeFileSync(join(dir, 'folded', 'SKILL.md'), '---\nname: folded\ndescription: >\n  Folded over\n  two lines.\nmetadata:\n  author: someone\n---\n\nBody.\n');
  mkdirSync(join(dir, 'quoted'));
  writeFileSync(join(dir, 'quoted', 'SKILL.md'), "---\nname: quoted\ndescription: 'Says: \"hi\" # not a comment'\n---\n\nBody.\n");
  mkdirSync(join(dir, 'broken'));
  writeFileSync(join(dir, 'broken', 'SKILL.md'), '---\nname: broken\ndescription: [unclosed\n---\n\nBody.\n');
  commitByGit(dir, 'three skills written by hand');
  const byName = new Map((await lib.list()).map((s) => [s.name, s.description]));
  assert.equal(byName.get('folded'), 'Folded over two lines.');
  assert.equal(byName.get('quoted'), 'Says: "hi" # not a comment');
  assert.equal(byName.get('broken'), '');
  assert.equal(byName.get('alpha'), 'Handles alpha tasks. Use when the user works on alpha.');
});

test('the read-only snapshot file system reads loose and packed objects as node\'s fs does, and a missing one is not found', { skip: noGitReason }, async () => {
  const { dir } = await libraryOf(['alpha', 'beta']);
  const blobs = run(dir, 'ls-tree', '-r', 'HEAD').split('\n').map((line) => line.split(/\s+/)[2]!);
  const readAll = async (client: typeof fs | ReturnType<typeof snapshotFs>) =>
    Promise.all(blobs.map(async (oid) => Buffer.from((await isogit.readBlob({ fs: client, dir, oid, cache: {} })).blob).toString('utf8')));
  const loose = await readAll(fs);
  assert.equal(loose.length, 2);
  assert.deepEqual(await readAll(snapshotFs(dir)), loose);
  run(dir, 'gc', '-q');
  assert.equal(git(dir, 'count-objects').stdout.trim(), '0 objects, 0 kilobytes', 'every object is packed now');
  assert.deepEqual(await readAll(snapshotFs(dir)), loose);
  await assert.rejects(isogit.readBlob({ fs: snapshotFs(dir), dir, oid: 'f'.repeat(40) }), Errors.NotFoundError);
});
