import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyOf, renderMarkdown } from '../../webview/detail/markdown';

test('SKILL.md renders as Markdown with raw HTML escaped and script links refused', () => {
  const html = renderMarkdown('# Title\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) [ok](https://example.com)\n\n`code`');
  assert.match(html, /<h1>Title<\/h1>/);
  assert.doesNotMatch(html, /<script/);
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /&lt;script&gt;/);
  assert.doesNotMatch(html, /href="javascript:/);
  assert.match(html, /<a href="https:\/\/example.com">ok<\/a>/);
  assert.match(html, /<code>code<\/code>/);
});

test('the front matter is not part of the rendered body', () => {
  assert.equal(bodyOf('---\nname: x\ndescription: y\n---\n\n# X\n'), '\n# X\n');
  assert.equal(bodyOf('---\r\nname: x\r\n---\r\nbody'), 'body');
  assert.equal(bodyOf('# no front matter'), '# no front matter');
});
