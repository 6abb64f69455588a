/**
 * Parity with the Agent Skills reference validator, skills-ref (github.com/agentskills/agentskills,
 * skills-ref/tests/test_validator.py and test_parser.py). Each case below is our own test of the same
 * situation, reaching the same verdict (valid or not, and by which rule); the upstream test it mirrors
 * is named in the comment above it. test_prompt.py covers prompt XML, not validation, and is not mirrored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SkillsmithError } from '../../../../src/core/errors';
import { skillMdIn } from '../../../../src/core/skills/skillmd/find';
import { readSkillFolder } from '../../../../src/core/skills/skillmd/folder';
import { parseSkillMd, skillFrontmatterOf } from '../../../../src/core/skills/skillmd/parse';
import type { ValidationReport } from '../../../../src/core/skills/skillmd/types';
import { validateSkillFolder } from '../../../../src/core/skills/skillmd/validate';
import { tempDir } from '../../../cli/helpers';
import { makeSkill } from './helpers';

async function validateFolder(folder: string, text: string, file = 'SKILL.md'): Promise<ValidationReport> {
  return validateSkillFolder(makeSkill(tempDir(), folder, text, { file }));
}

function assertValid(r: ValidationReport): void {
  assert.deepEqual(r.errors, []);
  assert.equal(r.valid, true);
}

function assertInvalidBy(r: ValidationReport, rule: RegExp): void {
  assert.equal(r.valid, false);
  assert.ok(r.errors.some((e) => rule.test(e)), `expected an error matching ${rule}, got: ${r.errors.join(' | ')}`);
}

function assertParseFails(text: string, rule: RegExp): void {
  assert.throws(() => parseSkillMd(text, 'SKILL.md'), (e: unknown) => e instanceof SkillsmithError && rule.test(e.message));
}

// ---- test_validator.py ----

// test_valid_skill
test('skills-ref: minimal skill is valid', async () => {
  assertValid(await validateFolder('my-skill', '---\nname: my-skill\ndescription: A test skill\n---\n# My Skill\n'));
});

// test_nonexistent_path
test('skills-ref: a path that does not exist has exactly one error', async () => {
  const r = await validateSkillFolder(join(tempDir(), 'nonexistent'));
  assert.equal(r.errors.length, 1);
  assertInvalidBy(r, /does not exist/);
});

// test_not_a_directory
test('skills-ref: a file instead of a folder has exactly one error', async () => {
  const file = join(tempDir(), 'file.txt');
  writeFileSync(file, 'test');
  const r = await validateSkillFolder(file);
  assert.equal(r.errors.length, 1);
  assertInvalidBy(r, /not a directory/);
});

// test_missing_skill_md
test('skills-ref: a folder without SKILL.md has exactly one error', async () => {
  const dir = join(tempDir(), 'my-skill');
  mkdirSync(dir);
  const r = await validateSkillFolder(dir);
  assert.equal(r.errors.length, 1);
  assertInvalidBy(r, /missing required file SKILL\.md/);
});

// test_invalid_name_uppercase
test('skills-ref: uppercase name is rejected', async () => {
  assertInvalidBy(await validateFolder('MySkill', '---\nname: MySkill\ndescription: A test skill\n---\nBody\n'), /must be lowercase/);
});

// test_name_too_long
test('skills-ref: a 70-character name is over the limit', async () => {
  const long = 'a'.repeat(70);
  assertInvalidBy(await validateFolder(long, `---\nname: ${long}\ndescription: A test skill\n---\nBody\n`), /over the 64-character limit/);
});

// test_name_leading_hyphen
test('skills-ref: leading hyphen is rejected', async () => {
  assertInvalidBy(await validateFolder('-my-skill', '---\nname: -my-skill\ndescription: A test skill\n---\nBody\n'), /must not start or end with a hyphen/);
});

// test_name_consecutive_hyphens
test('skills-ref: consecutive hyphens are rejected', async () => {
  assertInvalidBy(await validateFolder('my--skill', '---\nname: my--skill\ndescription: A test skill\n---\nBody\n'), /consecutive hyphens/);
});

// test_name_invalid_characters
test('skills-ref: underscore is an invalid character', async () => {
  assertInvalidBy(await validateFolder('my_skill', '---\nname: my_skill\ndescription: A test skill\n---\nBody\n'), /invalid characters/);
});

// test_name_directory_mismatch
test('skills-ref: name must match the folder', async () => {
  assertInvalidBy(await validateFolder('wrong-name', '---\nname: correct-name\ndescription: A test skill\n---\nBody\n'), /does not match its folder name/);
});

// test_unexpected_fields
test('skills-ref: an unknown top-level field is rejected', async () => {
  const r = await validateFolder('my-skill', '---\nname: my-skill\ndescription: A test skill\nunknown_field: should not be here\n---\nBody\n');
  assertInvalidBy(r, /unknown frontmatter field: unknown_field/);
});

// test_valid_with_all_fields
test('skills-ref: license and metadata are accepted', async () => {
  assertValid(await validateFolder('my-skill', '---\nname: my-skill\ndescription: A test skill\nlicense: MIT\nmetadata:\n  author: Test\n---\nBody\n'));
});

// test_allowed_tools_accepted
test('skills-ref: allowed-tools is accepted', async () => {
  assertValid(await validateFolder('my-skill', '---\nname: my-skill\ndescription: A test skill\nallowed-tools: Bash(jq:*) Bash(git:*)\n---\nBody\n'));
});

// test_i18n_chinese_name
test('skills-ref: a Chinese name is valid', async () => {
  assertValid(await validateFolder('技能', '---\nname: 技能\ndescription: A skill with Chinese name\n---\nBody\n'));
});

// test_i18n_russian_name_with_hyphens
test('skills-ref: a Russian name with hyphens is valid', async () => {
  assertValid(await validateFolder('мой-навык', '---\nname: мой-навык\ndescription: A skill with Russian name\n---\nBody\n'));
});

// test_i18n_russian_lowercase_valid
test('skills-ref: a lowercase Russian name is valid', async () => {
  assertValid(await validateFolder('навык', '---\nname: навык\ndescription: A skill with Russian lowercase name\n---\nBody\n'));
});

// test_i18n_russian_uppercase_rejected
test('skills-ref: an uppercase Russian name is rejected', async () => {
  assertInvalidBy(await validateFolder('НАВЫК', '---\nname: НАВЫК\ndescription: A skill with Russian uppercase name\n---\nBody\n'), /must be lowercase/);
});

// test_description_too_long
test('skills-ref: a 1100-character description is over the limit', async () => {
  const r = await validateFolder('my-skill', `---\nname: my-skill\ndescription: ${'x'.repeat(1100)}\n---\nBody\n`);
  assertInvalidBy(r, /over the 1024-character limit/);
});

// test_valid_compatibility
test('skills-ref: a short compatibility is valid', async () => {
  assertValid(await validateFolder('my-skill', '---\nname: my-skill\ndescription: A test skill\ncompatibility: Requires Python 3.11+\n---\nBody\n'));
});

// test_compatibility_too_long
test('skills-ref: a 550-character compatibility is over the limit', async () => {
  const r = await validateFolder('my-skill', `---\nname: my-skill\ndescription: A test skill\ncompatibility: ${'x'.repeat(550)}\n---\nBody\n`);
  assertInvalidBy(r, /over the 500-character limit/);
});

// test_nfkc_normalization
test('skills-ref: a decomposed name matches a precomposed folder after NFKC', async () => {
  assertValid(await validateFolder('caf\u00e9', '---\nname: cafe\u0301\ndescription: A test skill\n---\nBody\n'));
});

// ---- test_parser.py ----

// test_valid_frontmatter
test('skills-ref parser: frontmatter fields and body are read', () => {
  const p = parseSkillMd('---\nname: my-skill\ndescription: A test skill\n---\n# My Skill\n\nInstructions here.\n', 'SKILL.md');
  assert.equal(p.data.name, 'my-skill');
  assert.equal(p.data.description, 'A test skill');
  assert.match(p.body, /# My Skill/);
});

// test_missing_frontmatter
test('skills-ref parser: text without frontmatter is rejected', () => {
  assertParseFails('# No frontmatter here', /no YAML frontmatter/);
});

// test_unclosed_frontmatter
test('skills-ref parser: unclosed frontmatter is rejected', () => {
  assertParseFails('---\nname: my-skill\ndescription: A test skill\n', /not closed/);
});

// test_invalid_yaml
test('skills-ref parser: invalid YAML is rejected', () => {
  assertParseFails('---\nname: [invalid\ndescription: broken\n---\nBody here\n', /not valid YAML/);
});

// test_non_dict_frontmatter
test('skills-ref parser: a list as frontmatter is rejected', () => {
  assertParseFails('---\n- just\n- a\n- list\n---\nBody\n', /must be a YAML mapping/);
});

// test_read_valid_skill
test('skills-ref parser: properties of a valid skill folder', async () => {
  const dir = makeSkill(tempDir(), 'my-skill', '---\nname: my-skill\ndescription: A test skill\nlicense: MIT\n---\n# My Skill\n');
  const fm = skillFrontmatterOf((await readSkillFolder(dir)).parsed.data);
  assert.deepEqual(fm, { name: 'my-skill', description: 'A test skill', license: 'MIT' });
});

// test_read_with_metadata
test('skills-ref parser: metadata values are strings ("1.0", not 1)', async () => {
  const dir = makeSkill(tempDir(), 'my-skill', '---\nname: my-skill\ndescription: A test skill\nmetadata:\n  author: Test Author\n  version: 1.0\n---\nBody\n');
  const fm = skillFrontmatterOf((await readSkillFolder(dir)).parsed.data);
  assert.deepEqual(fm?.metadata, { author: 'Test Author', version: '1.0' });
});

// test_missing_skill_md (parser)
test('skills-ref parser: reading a folder without SKILL.md fails', async () => {
  await assert.rejects(readSkillFolder(tempDir()), (e: unknown) => e instanceof SkillsmithError && /no SKILL\.md/.test(e.message));
});

// test_missing_name
test('skills-ref parser: a missing name is reported', async () => {
  assertInvalidBy(await validateFolder('my-skill', '---\ndescription: A test skill\n---\nBody\n'), /missing required field "name"/);
});

// test_missing_description
test('skills-ref parser: a missing description is reported', async () => {
  assertInvalidBy(await validateFolder('my-skill', '---\nname: my-skill\n---\nBody\n'), /missing required field "description"/);
});

// test_find_skill_md_prefers_uppercase
test('skills-ref parser: SKILL.md is preferred over skill.md', async () => {
  const dir = makeSkill(tempDir(), 'my-skill', 'uppercase');
  writeFileSync(join(dir, 'skill.md'), 'lowercase');
  assert.equal(await skillMdIn(dir), join(dir, 'SKILL.md'));
});

// test_find_skill_md_accepts_lowercase
test('skills-ref parser: skill.md is accepted when SKILL.md is absent', async () => {
  const dir = makeSkill(tempDir(), 'my-skill', 'lowercase', { file: 'skill.md' });
  assert.equal((await skillMdIn(dir))?.toLowerCase(), join(dir, 'skill.md').toLowerCase());
});

// test_find_skill_md_returns_none_when_missing
test('skills-ref parser: no SKILL.md found in an empty folder', async () => {
  const dir = join(tempDir(), 'my-skill');
  mkdirSync(dir);
  assert.equal(await skillMdIn(dir), undefined);
});

// test_read_properties_with_lowercase_skill_md
test('skills-ref parser: a folder with skill.md reads and validates', async () => {
  const dir = makeSkill(tempDir(), 'my-skill', '---\nname: my-skill\ndescription: A test skill\n---\n# My Skill\n', { file: 'skill.md' });
  const fm = skillFrontmatterOf((await readSkillFolder(dir)).parsed.data);
  assert.deepEqual([fm?.name, fm?.description], ['my-skill', 'A test skill']);
  assertValid(await validateSkillFolder(dir));
});

// test_read_with_allowed_tools
test('skills-ref parser: allowed-tools is read under its hyphenated name', async () => {
  const dir = makeSkill(tempDir(), 'my-skill', '---\nname: my-skill\ndescription: A test skill\nallowed-tools: Bash(jq:*) Bash(git:*)\n---\nBody\n');
  const fm = skillFrontmatterOf((await readSkillFolder(dir)).parsed.data);
  assert.equal(fm?.['allowed-tools'], 'Bash(jq:*) Bash(git:*)');
});
