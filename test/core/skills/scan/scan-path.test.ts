import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scanPath } from '../../../../src/core/skills/scan';
import { tempDir } from '../library/helpers';
import { MALICIOUS } from './variants';

test('a folder of skills: every variant found under its own path; binaries and links skipped', async () => {
  const root = tempDir('skillsmith-scanpath-');
  for (const v of MALICIOUS) {
    mkdirSync(join(root, v.name), { recursive: true });
    writeFileSync(join(root, v.name, 'SKILL.md'), v.text);
  }
  writeFileSync(join(root, 'override-plain', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  symlinkSync('/etc/hostname', join(root, 'override-plain', 'link.txt'));
  const result = await scanPath(root);
  for (const v of MALICIOUS) {
    assert.ok(result.findings.some((f) => f.path === `${v.name}/SKILL.md` && f.rule === v.rule && f.severity === 'high'), v.name);
  }
  assert.equal(result.scanned, MALICIOUS.length);
  assert.deepEqual(result.skipped, [
    { path: 'override-plain/link.txt', reason: 'symbolic link (not followed)' },
    { path: 'override-plain/logo.png', reason: 'binary' },
  ]);
});

// The real public skills of anthropics/skills must pass without a high-severity finding. They are not part
// of this repository: point SKILLSMITH_PUBLIC_SKILLS at a checkout (its `skills/` folder) to run this.
const publicSkills = process.env.SKILLSMITH_PUBLIC_SKILLS;
const skipPublic = publicSkills && existsSync(publicSkills) ? false : 'SKILLSMITH_PUBLIC_SKILLS is not set to a checkout of anthropics/skills';

test('the public anthropics/skills pass without a high-severity finding', { skip: skipPublic }, async () => {
  const result = await scanPath(resolve(publicSkills!));
  assert.ok(result.scanned > 50, `only ${result.scanned} files scanned: is this the skills folder?`);
  const high = result.findings.filter((f) => f.severity === 'high');
  assert.deepEqual(high, []);
});
