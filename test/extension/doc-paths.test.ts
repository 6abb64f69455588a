import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docPath, parseDocPath, type DocTarget } from '../../src/vscode/documents/paths';

test('every skillsmith: document path reads back as what it names', () => {
  const targets: DocTarget[] = [
    { kind: 'version', skill: 'git-bisect', version: 'a'.repeat(40), file: 'SKILL.md' },
    { kind: 'candidate', skill: 'git-bisect', version: 'abc1234', file: 'scripts/run.sh' },
    { kind: 'empty', skill: 'fix-test-fail', file: 'SKILL.md' },
    { kind: 'session', key: 'claude-code:6f1c2a10-0000-4000-8000-000000000001' },
    { kind: 'session', key: 'copilot:a/b c%d' },
    { kind: 'usage' },
  ];
  for (const t of targets) assert.deepEqual(parseDocPath(docPath(t)), t);
  assert.equal(docPath({ kind: 'candidate', skill: 'x', version: 'abc1234', file: 'SKILL.md' }).startsWith('/candidate/'), true, 'the editor title menus match on /candidate/');
});

test('paths no document has are refused', () => {
  for (const p of ['/', '/version/git-bisect/SKILL.md', '/version/Git/abc1234/SKILL.md', '/version/../abc1234/SKILL.md', '/version/git-bisect/HEAD/SKILL.md', '/session/%E0%A4%A.md', '/session/a/b.md', '/other']) {
    assert.equal(parseDocPath(p), undefined, p);
  }
});

test('skills with non-ASCII names have documents too', () => {
  for (const skill of ['café-tips', '部署']) {
    const t: DocTarget = { kind: 'version', skill, version: 'abc1234', file: 'SKILL.md' };
    assert.deepEqual(parseDocPath(docPath(t)), t);
  }
  assert.equal(parseDocPath('/version/../abc1234/SKILL.md'), undefined);
});
