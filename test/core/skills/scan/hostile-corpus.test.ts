import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanPath } from '../../../../src/core/skills/scan';

// Our own hostile SKILL.md files, one folder each, over every class the scanner must stop (test/fixtures/hostile-skills/).
const CORPUS = join(__dirname, '..', '..', '..', 'fixtures', 'hostile-skills');
const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as Record<string, string>;

test('the hostile-skills corpus holds at least 40 variants over every class', () => {
  assert.ok(Object.keys(expected).length >= 40, `${Object.keys(expected).length} variants`);
  const classes = new Set(Object.values(expected));
  for (const rule of ['active-html', 'unsafe-link', 'remote-image', 'pipe-to-shell', 'destructive-command', 'persistence', 'secret-exfiltration', 'approval-bypass', 'instruction-override', 'confusable-name']) {
    assert.ok(classes.has(rule), `no variant for ${rule}`);
  }
});

test('every hostile variant is flagged high by the rule of its class', async () => {
  const { findings } = await scanPath(CORPUS);
  const missed = Object.entries(expected).filter(([folder, rule]) => !findings.some((f) => f.path === `${folder}/SKILL.md` && f.rule === rule && f.severity === 'high'));
  const got = (folder: string) => findings.filter((f) => f.path === `${folder}/SKILL.md`).map((f) => `${f.rule}:${f.severity}`);
  assert.deepEqual(missed.map(([folder, rule]) => `${folder} (wants ${rule}, got ${got(folder).join(', ') || 'nothing'})`), []);
});
