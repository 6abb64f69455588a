import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flatFrontmatter } from '../../../../src/core/skills/skillmd/flat-frontmatter';
import { parseSkillMd } from '../../../../src/core/skills/skillmd/parse';

/** What the YAML parser makes of a frontmatter, or the error it raises. */
function parsed(yaml: string): Record<string, unknown> | 'error' {
  try {
    return parseSkillMd(`---\n${yaml}\n---\n\nBody.\n`, 'SKILL.md').data;
  } catch {
    return 'error';
  }
}

const PLAIN = [
  'name: pdf-tools\ndescription: Fills PDF forms. Use when asked to fill a form.',
  'name: x\ndescription:   leading spaces, trailing spaces   ',
  'name: x\ndescription: colons:inside, a#hash, [brackets] {braces}, commas',
  'name: x\ndescription: yes\nlicense: 123',
  'name: x\ndescription: null',
  'name: x\ndescription: ~',
  '# a comment line\nname: x\n\ndescription: after a blank line',
  'name: x\r\ndescription: with CRLF line endings',
  'name: x\ndescription: it\'s "quoted" only inside',
  'name: x\ndescription: non-ASCII ñ — 日本',
];

const NOT_PLAIN = [
  'name: x\ndescription: "double quoted"',
  "name: x\ndescription: 'single quoted'",
  'name: x\ndescription: >\n  folded',
  'name: x\ndescription: |\n  literal',
  'name: x\ndescription: key: value inside',
  'name: x\ndescription: ends with a colon:',
  'name: x\ndescription: text # trailing comment',
  'name: x\ndescription: a #hash after a space is a comment',
  'name: x\ndescription: first line\n  continued on the next',
  'name: x\ndescription: [a, list]',
  'name: x\ndescription: &anchor text',
  'name: x\ndescription: *alias',
  'name: x\ndescription: !tag text',
  'name: x\ndescription: - dash',
  'name: x\ndescription: one\ndescription: two',
  'name: x\nmetadata:\n  author: someone',
  'name: x\ndescription:',
  'name: x\ndescription: a\ttab',
  'name: x\n \t\ndescription: tab on a blank line',
  '',
  'just text',
  '- a\n- list',
];

test('a frontmatter of plain `key: value` lines is read without the YAML parser, to exactly what the parser reads', () => {
  for (const yaml of PLAIN) {
    const flat = flatFrontmatter(yaml);
    assert.ok(flat, `read without the parser: ${JSON.stringify(yaml)}`);
    assert.deepEqual(Object.fromEntries(flat), parsed(yaml), JSON.stringify(yaml));
  }
});

test('anything more than plain lines is left to the YAML parser', () => {
  for (const yaml of NOT_PLAIN) assert.equal(flatFrontmatter(yaml), undefined, JSON.stringify(yaml));
});
