import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addVersionMarker, findVersionMarkers, stripVersionMarker } from '../../../../src/core/skills/install/version-marker';
import { parseSkillMd } from '../../../../src/core/skills/skillmd/parse';
import { validateSkillText } from '../../../../src/core/skills/skillmd/validate';

// all digits: a YAML 1.1 reader would take it for a number unless it is quoted
const V = '1234567890123456789012345678901234567890';

const SHAPES: Record<string, string> = {
  'no metadata': '---\nname: foo\ndescription: Does foo. Use when foo.\n---\n\n# Foo\nbody\n',
  'block metadata': '---\nname: foo\ndescription: Does foo. Use when foo.\nmetadata:\n  author: me # who\n---\n# Foo\n',
  'CRLF and quoted values': '---\r\nname: foo\r\ndescription: "Does foo."\r\nmetadata:\r\n  a: "1"\r\n  b: x\r\n---\r\n\r\nbody\r\n',
  'empty body': '---\nname: foo\ndescription: d\n---\n',
  'no final newline': '---\nname: foo\ndescription: d\n---\nlast line',
};

test('the marker round-trips byte for byte, keeps the skill valid and reads back from the text', () => {
  for (const [shape, text] of Object.entries(SHAPES)) {
    const marked = addVersionMarker(text, 'foo', V);
    assert.equal(stripVersionMarker(marked), text, shape);
    assert.deepEqual(validateSkillText(marked, 'foo', shape).errors, [], shape);
    const metadata = parseSkillMd(marked, shape).data.metadata as Record<string, string>;
    assert.equal(metadata['skillsmith-version'], V, `${shape}: a string, not a number`);
    assert.deepEqual(findVersionMarkers(marked), [{ version: V }, { version: V, skill: 'foo' }], shape);
    // marking twice does not stack markers
    assert.equal(addVersionMarker(marked, 'foo', V), marked, shape);
  }
});

test('the body comment is what a body-only load shows, and a flow mapping still loses the marker', () => {
  const marked = addVersionMarker(SHAPES['no metadata'], 'foo', V);
  const body = parseSkillMd(marked, 'x').body;
  assert.ok(body.startsWith(`<!-- skillsmith-version: ${V} skill: foo -->\n`));
  const flow = addVersionMarker('---\nname: foo\ndescription: d\nmetadata: {a: b}\n---\nbody\n', 'foo', V);
  const stripped = stripVersionMarker(flow);
  assert.deepEqual(findVersionMarkers(stripped), []);
  assert.deepEqual(parseSkillMd(stripped, 'x').data.metadata, { a: 'b' });
});

test('markers are found in tool output however the agent printed the file', () => {
  const marked = addVersionMarker(SHAPES['block metadata'], 'foo', V);
  const numbered = marked
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(6)}→${line}`)
    .join('\n');
  assert.deepEqual(findVersionMarkers(numbered), [{ version: V }, { version: V, skill: 'foo' }]);
  assert.deepEqual(findVersionMarkers("metadata:\n  skillsmith-version: 'ABCDEF1'\n"), [{ version: 'abcdef1' }]);
  assert.deepEqual(findVersionMarkers('skillsmith-version: xyz'), []);
});

test('a marker the user moved or a frontmatter the user broke still loses the marker', () => {
  const marked = addVersionMarker(SHAPES['no metadata'], 'foo', V);
  const moved = marked.replace(`<!-- skillsmith-version: ${V} skill: foo -->\n`, '') + `<!-- skillsmith-version: ${V} skill: foo -->\n`;
  assert.equal(stripVersionMarker(moved), SHAPES['no metadata']);
  const broken = marked.replace('name: foo', 'name: [foo');
  assert.deepEqual(findVersionMarkers(stripVersionMarker(broken)), []);
});
