import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers';
import { makeSkill, skillText } from '../core/skills/skillmd/helpers';

const GOOD = skillText('name: good\ndescription: Formats release notes. Use when the user asks for a changelog.');

function library(): { root: string; good: string; bad: string; vague: string } {
  const root = tempDir();
  return {
    root,
    good: makeSkill(root, 'good', GOOD),
    bad: makeSkill(root, 'team/bad', skillText('name: Bad_Name\ndescription: x\nversion: 2')),
    vague: makeSkill(root, '.claude/skills/vague', skillText('name: vague\ndescription: Helps with things.')),
  };
}

test('validate a valid skill folder: exit 0, one ✓ line', () => {
  const { good } = library();
  const r = runCli(['validate', good]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `✓ good  ${good}\n1 skill: 1 valid, 0 invalid, 0 warnings\n`);
});

test('validate a SKILL.md path validates its folder', () => {
  const { good } = library();
  const r = runCli(['validate', join(good, 'SKILL.md'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [{ path: good, name: 'good', valid: true, errors: [], warnings: [] }]);
});

test('validate a folder searches it recursively; any invalid skill makes exit 1', () => {
  const { root, good, bad, vague } = library();
  makeSkill(root, 'node_modules/dep', GOOD);
  const r = runCli(['validate', root]);
  assert.equal(r.code, 1);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], `✓ vague  ${vague}`);
  assert.match(lines[1], /^    warning: description does not say when to use the skill/);
  assert.equal(lines[2], `✓ good  ${good}`);
  assert.equal(lines[3], `✗ Bad_Name  ${bad}`);
  assert.ok(lines.slice(4).some((l) => /^    error: unknown frontmatter field: version/.test(l)), r.stdout);
  assert.ok(lines.slice(4).some((l) => /^    error: name "Bad_Name" must be lowercase/.test(l)), r.stdout);
  assert.match(r.stdout, /^3 skills: 2 valid, 1 invalid, \d+ warnings\n$/m);
  assert.doesNotMatch(r.stdout, /node_modules/);
});

test('--json prints an array of reports with the documented shape', () => {
  const { root, good, bad, vague } = library();
  const r = runCli(['validate', root, '--json']);
  assert.equal(r.code, 1);
  const reports = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(reports.map((x) => x.path), [vague, good, bad]);
  for (const x of reports) {
    assert.deepEqual(Object.keys(x).sort(), ['errors', 'name', 'path', 'valid', 'warnings']);
    assert.ok(Array.isArray(x.errors) && (x.errors as unknown[]).every((e) => typeof e === 'string'));
    assert.ok(Array.isArray(x.warnings) && (x.warnings as unknown[]).every((e) => typeof e === 'string'));
    assert.equal(x.valid, (x.errors as unknown[]).length === 0);
  }
  assert.deepEqual(reports.map((x) => x.valid), [true, true, false]);
  assert.equal(reports[2].name, 'Bad_Name');
});

test('a report for a skill whose frontmatter cannot be read has no name', () => {
  const root = tempDir();
  const dir = makeSkill(root, 'broken', '# no frontmatter\n');
  const human = runCli(['validate', dir]);
  assert.equal(human.code, 1);
  assert.match(human.stdout, /^✗ \(no name\)  .*broken\n    error: no YAML frontmatter/);
  const json = JSON.parse(runCli(['validate', dir, '--json']).stdout);
  assert.deepEqual(Object.keys(json[0]).sort(), ['errors', 'path', 'valid', 'warnings']);
});

test('no skills under the path: exit 1 with a message', () => {
  const root = tempDir();
  const r = runCli(['validate', root]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /no skills found in .*SKILL\.md/);
  const json = runCli(['validate', root, '--json']);
  assert.equal(json.code, 1);
  assert.deepEqual(JSON.parse(json.stdout), []);
});

test('a path that does not exist: exit 1 naming it', () => {
  const missing = join(tempDir(), 'missing');
  const r = runCli(['validate', missing]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `skillsmith: ${missing}: no such file or folder\n`);
});

test('usage errors exit 2', () => {
  assert.equal(runCli(['validate']).code, 2);
  assert.equal(runCli(['validate', tempDir(), '--no-such-option']).code, 2);
});
