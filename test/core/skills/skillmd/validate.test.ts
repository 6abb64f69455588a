import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSkillFolder, validateSkillText } from '../../../../src/core/skills/skillmd/validate';
import { tempDir } from '../../../cli/helpers';
import { GOOD_DESCRIPTION, makeSkill, skillText } from './helpers';

function check(frontmatter: string, folder = 'my-skill', body?: string) {
  return validateSkillText(skillText(frontmatter, body), folder, `${folder}/SKILL.md`);
}

function errorsOf(frontmatter: string, folder = 'my-skill') {
  const r = check(frontmatter, folder);
  assert.equal(r.valid, r.errors.length === 0);
  return r.errors;
}

const VALID = `name: my-skill\ndescription: ${GOOD_DESCRIPTION}`;

test('a minimal valid skill has no errors and no warnings', () => {
  const r = check(VALID);
  assert.deepEqual(r, { path: 'my-skill/SKILL.md', name: 'my-skill', valid: true, errors: [], warnings: [] });
});

test('all specified fields together are valid', () => {
  const r = check(`${VALID}\nlicense: MIT\nallowed-tools: Bash(git:*) Read\ncompatibility: Requires git\nmetadata:\n  author: me\n  version: "1.0"`);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.warnings, []);
});

test('unparseable or missing frontmatter makes the skill invalid with one error', () => {
  for (const text of ['no frontmatter\n', '---\nname: [x\n---\n', '---\nname: a\n', '---\n- a\n---\n']) {
    const r = validateSkillText(text, 'a', 'a/SKILL.md');
    assert.equal(r.valid, false);
    assert.equal(r.errors.length, 1, r.errors.join('; '));
    assert.equal(r.name, undefined);
  }
});

test('name: missing, empty, or not a string', () => {
  assert.deepEqual(errorsOf(`description: ${GOOD_DESCRIPTION}`), ['missing required field "name"']);
  assert.match(errorsOf(`name: ""\ndescription: x`).join(), /"name" must be a non-empty string/);
  assert.match(errorsOf(`name: "   "\ndescription: x`).join(), /"name" must be a non-empty string/);
  assert.match(errorsOf(`name:\n  - a\ndescription: x`).join(), /"name" must be a non-empty string/);
});

test('name: 64 characters is the limit, counted in code points', () => {
  assert.deepEqual(errorsOf(`name: ${'a'.repeat(64)}\ndescription: x`, 'a'.repeat(64)), []);
  assert.match(errorsOf(`name: ${'a'.repeat(65)}\ndescription: x`, 'a'.repeat(65)).join(), /65 characters, over the 64-character limit/);
  // 64 astral-plane CJK letters are 128 UTF-16 units but 64 characters
  assert.deepEqual(errorsOf(`name: ${'𠀀'.repeat(64)}\ndescription: x`, '𠀀'.repeat(64)), []);
});

test('name: must be lowercase, in any script', () => {
  assert.match(errorsOf('name: My-Skill\ndescription: x', 'My-Skill').join(), /must be lowercase/);
  assert.match(errorsOf('name: НАВЫК\ndescription: x', 'НАВЫК').join(), /must be lowercase/);
});

test('name: no leading, trailing or consecutive hyphens', () => {
  assert.match(errorsOf('name: -skill\ndescription: x', '-skill').join(), /start or end with a hyphen/);
  assert.match(errorsOf('name: skill-\ndescription: x', 'skill-').join(), /start or end with a hyphen/);
  assert.match(errorsOf('name: my--skill\ndescription: x', 'my--skill').join(), /consecutive hyphens/);
});

test('name: only letters, digits and hyphens', () => {
  for (const bad of ['my_skill', 'my.skill', 'my skill', 'skill!']) {
    assert.match(errorsOf(`name: "${bad}"\ndescription: x`, bad).join(), /invalid characters/, bad);
  }
  assert.deepEqual(errorsOf('name: pdf2text\ndescription: x', 'pdf2text'), []);
  assert.deepEqual(errorsOf('name: 123\ndescription: x', '123'), []);
});

test('name: Unicode letters are allowed (Chinese, Cyrillic, accented Latin)', () => {
  assert.deepEqual(errorsOf('name: 技能\ndescription: x', '技能'), []);
  assert.deepEqual(errorsOf('name: мой-навык\ndescription: x', 'мой-навык'), []);
  assert.deepEqual(errorsOf('name: café\ndescription: x', 'café'), []);
});

test('name: NFKC-normalized before the checks and the folder comparison', () => {
  // decomposed "e" + combining acute in the file, precomposed in the folder name
  assert.deepEqual(errorsOf('name: cafe\u0301\ndescription: x', 'caf\u00e9'), []);
  // and the other way round
  assert.deepEqual(errorsOf('name: caf\u00e9\ndescription: x', 'cafe\u0301'), []);
  // full-width letters fold to ASCII under NFKC
  assert.deepEqual(errorsOf('name: ｐｄｆ\ndescription: x', 'pdf'), []);
  const r = check('name: cafe\u0301\ndescription: x', 'cafe\u0301');
  assert.equal(r.name, 'caf\u00e9');
});

test('name: must equal the folder name; surrounding spaces are ignored; "" skips the comparison', () => {
  assert.match(errorsOf('name: right-name\ndescription: x', 'wrong-name').join(), /does not match its folder name "wrong-name"/);
  assert.deepEqual(errorsOf('name: "  my-skill "\ndescription: x', 'my-skill'), []);
  assert.deepEqual(errorsOf('name: anything\ndescription: x', ''), []);
});

test('description: missing, empty, or over 1024 characters', () => {
  assert.deepEqual(errorsOf('name: my-skill'), ['missing required field "description"']);
  assert.match(errorsOf('name: my-skill\ndescription:').join(), /"description" must be a non-empty string/);
  assert.match(errorsOf('name: my-skill\ndescription: "  "').join(), /"description" must be a non-empty string/);
  assert.match(errorsOf('name: my-skill\ndescription:\n  a: b').join(), /"description" must be a non-empty string/);
  assert.deepEqual(errorsOf(`name: my-skill\ndescription: ${'x'.repeat(1024)}`), []);
  assert.match(errorsOf(`name: my-skill\ndescription: ${'x'.repeat(1025)}`).join(), /1025 characters, over the 1024-character limit/);
});

test('compatibility: at most 500 characters, and a string', () => {
  assert.deepEqual(errorsOf(`${VALID}\ncompatibility: ${'x'.repeat(500)}`), []);
  assert.match(errorsOf(`${VALID}\ncompatibility: ${'x'.repeat(501)}`).join(), /501 characters, over the 500-character limit/);
  assert.match(errorsOf(`${VALID}\ncompatibility:\n  - a`).join(), /"compatibility" must be a string/);
});

test('unknown top-level fields are errors, listed together', () => {
  const errors = errorsOf(`${VALID}\nversion: 2\nauthor: me`);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /unknown frontmatter fields: author, version/);
});

test('metadata must be a mapping; an empty metadata is accepted', () => {
  assert.match(errorsOf(`${VALID}\nmetadata: just text`).join(), /"metadata" must be a mapping/);
  assert.match(errorsOf(`${VALID}\nmetadata:\n  - a`).join(), /"metadata" must be a mapping/);
  assert.deepEqual(errorsOf(`${VALID}\nmetadata:`), []);
});

test('non-string metadata values and list-valued allowed-tools are warnings', () => {
  const r = check(`${VALID}\nallowed-tools:\n  - Read\nmetadata:\n  nested:\n    a: b`);
  assert.deepEqual(r.errors, []);
  assert.equal(r.warnings.length, 2);
  assert.match(r.warnings.join('\n'), /metadata "nested" should be a string/);
  assert.match(r.warnings.join('\n'), /"allowed-tools" should be a string/);
});

test('every broken rule is reported, not just the first', () => {
  const errors = errorsOf('name: Bad_Name-\nextra: 1', 'folder');
  assert.ok(errors.length >= 5, errors.join('\n'));
  for (const rule of [/unknown frontmatter field/, /lowercase/, /hyphen/, /invalid characters/, /folder name/, /"description"/]) {
    assert.ok(errors.some((e) => rule.test(e)), `${rule} in ${errors.join(' | ')}`);
  }
});

test('warning: a description that never says when to use the skill', () => {
  const r = check('name: my-skill\ndescription: Helps with PDFs.');
  assert.equal(r.valid, true);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0], /does not say when to use/);
  assert.deepEqual(check('name: my-skill\ndescription: Helps with PDFs. Use when the user mentions a PDF.').warnings, []);
});

test('warning: a body over 500 lines', () => {
  const at = (n: number) => check(VALID, 'my-skill', '\n' + 'line\n'.repeat(n)).warnings;
  assert.deepEqual(at(500), []);
  const w = at(501);
  assert.equal(w.length, 1);
  assert.match(w[0], /body is 501 lines, over the recommended 500/);
});

test('warning: a body over about 5,000 tokens, estimated at 4 characters per token', () => {
  const at = (chars: number) => check(VALID, 'my-skill', 'x'.repeat(chars) + '\n').warnings;
  assert.deepEqual(at(20_000), []);
  const w = at(20_100);
  assert.equal(w.length, 1);
  assert.match(w[0], /about 5025 tokens \(estimated at 4 characters per token\)/);
});

test('folder: a valid skill folder', async () => {
  const root = tempDir();
  const dir = makeSkill(root, 'my-skill', skillText(VALID));
  assert.deepEqual(await validateSkillFolder(dir), { path: dir, name: 'my-skill', valid: true, errors: [], warnings: [] });
});

test('folder: missing path, a file, a folder without SKILL.md', async () => {
  const root = tempDir();
  const missing = await validateSkillFolder(join(root, 'nope'));
  assert.deepEqual([missing.valid, missing.errors], [false, ['path does not exist']]);
  writeFileSync(join(root, 'file.txt'), 'x');
  assert.match((await validateSkillFolder(join(root, 'file.txt'))).errors.join(), /not a directory/);
  mkdirSync(join(root, 'empty'));
  assert.deepEqual((await validateSkillFolder(join(root, 'empty'))).errors, ['missing required file SKILL.md']);
});

test('folder: lowercase skill.md is accepted with a warning; other casings are not found', async () => {
  const root = tempDir();
  const lower = await validateSkillFolder(makeSkill(root, 'my-skill', skillText(VALID), { file: 'skill.md' }));
  assert.equal(lower.valid, true);
  assert.match(lower.warnings.join(), /named skill\.md; the specification names it SKILL\.md/);
  const mixed = await validateSkillFolder(makeSkill(root, 'other', skillText('name: other\ndescription: x'), { file: 'Skill.md' }));
  assert.deepEqual(mixed.errors, ['missing required file SKILL.md']);
});

test('folder: the name is compared with the folder name', async () => {
  const root = tempDir();
  const r = await validateSkillFolder(makeSkill(root, 'wrong-name', skillText(`name: right-name\ndescription: ${GOOD_DESCRIPTION}`)));
  assert.equal(r.valid, false);
  assert.match(r.errors.join(), /does not match its folder name "wrong-name"/);
});

test('folder: SKILL.md that is not UTF-8 is invalid, not a crash', async () => {
  const root = tempDir();
  const dir = join(root, 'bin');
  mkdirSync(dir);
  writeFileSync(join(dir, 'SKILL.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]));
  const r = await validateSkillFolder(dir);
  assert.deepEqual([r.valid, r.errors], [false, ['file is not valid UTF-8 text']]);
});

test('folder warning: links to missing files under scripts/, references/, assets/', async () => {
  const root = tempDir();
  const body = [
    'See [the guide](references/guide.md) and [forms](references/forms.md#top).',
    'Run `scripts/run.py`, then `scripts/missing.sh`.',
    '![logo](assets/logo.png) and [ref]: assets/template.docx',
    '',
    '[tpl]: assets/template.docx',
    '```',
    'python scripts/only-in-code-block.py  [x](references/in-code.md)',
    '```',
    'Online: [site](https://example.com/x) and [anchor](#usage) and [mail](mailto:a@b.c).',
  ].join('\n');
  const dir = makeSkill(root, 'my-skill', skillText(VALID, body), {
    files: { 'references/guide.md': 'g', 'scripts/run.py': 'print(1)' },
  });
  const r = await validateSkillFolder(dir);
  assert.equal(r.valid, true);
  assert.deepEqual(r.warnings, [
    'link "references/forms.md#top" points to a file that does not exist in the skill folder',
    'link "scripts/missing.sh" points to a file that does not exist in the skill folder',
    'link "assets/logo.png" points to a file that does not exist in the skill folder',
    'link "assets/template.docx" points to a file that does not exist in the skill folder',
  ]);
});

test('folder warning: links that escape the folder, directly or through a symbolic link', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'outside.md'), 'secret');
  const body = 'Read [this](../outside.md), [that](/etc/hosts), [also](references/../../outside.md) and [linked](references/out.md).\n';
  const dir = makeSkill(root, 'my-skill', skillText(VALID, body), { files: { 'references/inside.md': 'ok' } });
  symlinkSync(join(root, 'outside.md'), join(dir, 'references', 'out.md'));
  const w = (await validateSkillFolder(dir)).warnings;
  assert.deepEqual(w, [
    'link "../outside.md" points outside the skill folder',
    'link "/etc/hosts" is an absolute path; link to files inside the skill folder by relative path',
    'link "references/../../outside.md" points outside the skill folder',
    'link "references/out.md" points (through a symbolic link) outside the skill folder',
  ]);
});

test('folder: existing links, percent-encoded names and links in other folders give no warnings', async () => {
  const root = tempDir();
  const body = 'See [a](./references/a%20b.md), [c](REFERENCE.md), <img src="assets/x.png"> and `references/a b.md`.\n';
  const dir = makeSkill(root, 'my-skill', skillText(VALID, body), {
    files: { 'references/a b.md': 'a', 'REFERENCE.md': 'r', 'assets/x.png': 'p' },
  });
  assert.deepEqual((await validateSkillFolder(dir)).warnings, []);
});
