import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SkillsmithError } from '../../../../src/core/errors';
import { parseSkillMd, skillFrontmatterOf } from '../../../../src/core/skills/skillmd/parse';

function parseError(text: string): SkillsmithError {
  try {
    parseSkillMd(text, 'skills/x/SKILL.md');
  } catch (e) {
    assert.ok(e instanceof SkillsmithError, `expected a SkillsmithError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected parseSkillMd to throw');
}

test('splits frontmatter and body and keeps every scalar a string', () => {
  const text = '---\nname: a\ndescription: "B"\nmetadata:\n  version: 1.0\n  beta: true\n---\n\n# A\n';
  const p = parseSkillMd(text, 'a/SKILL.md');
  assert.deepEqual(p.data, { name: 'a', description: 'B', metadata: { version: '1.0', beta: 'true' } });
  assert.equal(p.body, '\n# A\n');
  assert.equal(p.raw, text);
  assert.equal(p.eol, '\n');
  assert.equal(text.slice(p.span.yamlStart, p.span.yamlEnd), 'name: a\ndescription: "B"\nmetadata:\n  version: 1.0\n  beta: true\n');
  assert.equal(p.map.items.length, 3);
});

test('reads CRLF files and reports their line ending', () => {
  const p = parseSkillMd('---\r\nname: a\r\ndescription: |\r\n  one\r\n  two\r\n---\r\nbody\r\n', 'x');
  assert.equal(p.eol, '\r\n');
  assert.deepEqual(p.data, { name: 'a', description: 'one\ntwo\n' });
  assert.equal(p.body, 'body\r\n');
});

test('missing frontmatter is an error naming the file', () => {
  const e = parseError('# No frontmatter here\n');
  assert.equal(e.where, 'skills/x/SKILL.md');
  assert.match(e.describe(), /^skills\/x\/SKILL\.md: no YAML frontmatter/);
});

test('frontmatter must start at the first byte (no byte-order mark, no leading blank line)', () => {
  assert.match(parseError('\uFEFF---\nname: a\n---\n').message, /byte-order mark/);
  assert.match(parseError('\n---\nname: a\n---\n').message, /no YAML frontmatter/);
});

test('unclosed frontmatter is an error', () => {
  assert.match(parseError('---\nname: a\ndescription: b\n').message, /not closed/);
  assert.match(parseError('---').message, /not closed/);
});

test('invalid YAML is an error with the file line', () => {
  const e = parseError('---\nname: a\ndescription: [broken\n---\nBody\n');
  assert.match(e.message, /^frontmatter is not valid YAML \(line \d+\): /);
  assert.doesNotMatch(e.message, /\n/);
});

test('duplicate keys are invalid YAML', () => {
  assert.match(parseError('---\nname: a\nname: b\n---\n').message, /not valid YAML.*unique/);
});

test('frontmatter that is not a mapping is an error saying what it is', () => {
  assert.match(parseError('---\n- a\n- b\n---\n').message, /must be a YAML mapping.*list/);
  assert.match(parseError('---\njust text\n---\n').message, /must be a YAML mapping.*single value/);
  assert.match(parseError('---\n---\nbody\n').message, /must be a YAML mapping.*empty/);
});

test('a "---" inside a value does not end the frontmatter', () => {
  const p = parseSkillMd('---\nname: a\ndescription: before --- after\n---\nbody\n', 'x');
  assert.equal(p.data.description, 'before --- after');
  assert.equal(p.body, 'body\n');
});

test('skillFrontmatterOf keeps specified fields and flattens allowed-tools lists', () => {
  const p = parseSkillMd('---\nname: " a "\ndescription: b\nlicense: MIT\nallowed-tools:\n  - Read\n  - Bash(git:*)\nmetadata:\n  n: 1\n---\n', 'x');
  assert.deepEqual(skillFrontmatterOf(p.data), {
    name: 'a',
    description: 'b',
    license: 'MIT',
    'allowed-tools': 'Read Bash(git:*)',
    metadata: { n: '1' },
  });
  assert.equal(skillFrontmatterOf({ name: 'a' }), undefined);
});
