import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OfflineEngine } from '../../../../src/core/distill/offline/offline-engine';
import { CanaryEngine } from '../../../../src/core/evolve/canary/engine';
import { absorbHandEdits, DEFAULT_QUIET_MS, type AbsorbedEdit } from '../../../../src/core/evolve/hand-edits/absorb';
import { handEdits, isHandEdit } from '../../../../src/core/evolve/hand-edits/store';
import { markedAsHandEdit, withoutMarker } from '../../../../src/core/evolve/hand-edits/user-version';
import { agentTarget } from '../../../../src/core/skills/install/agents';
import { installSkill } from '../../../../src/core/skills/install/install';
import { markedFiles } from '../../../../src/core/skills/install/materialize';
import { listInstallRecords } from '../../../../src/core/skills/install/records';
import { findVersionMarkers } from '../../../../src/core/skills/install/version-marker';
import { assertHealthyRepo, noGitReason } from '../../skills/library/helpers';
import { addSkill, skillText, tempDir, world } from '../../skills/install/helpers';

const LATER = () => Date.now() + DEFAULT_QUIET_MS + 5_000;

const USER_VERSION = (name: string, body: string) =>
  `---\nname: ${name}\ndescription: Handles ${name} tasks. Use when the user works on ${name}.\nmetadata:\n  skillsmith-engine: user\n---\n\n${body}\n`;

async function installed(name: string, body: string) {
  const w = await world();
  const v1 = await addSkill(w.library, name, body);
  const agents = [agentTarget('copilot'), agentTarget('claude-code')];
  await installSkill(w, { skill: name, agents, scope: 'user', trustedWorkspace: true });
  return { w, v1, copy: join(w.userHome, '.copilot/skills', name, 'SKILL.md'), link: join(w.userHome, '.claude/skills', name, 'SKILL.md') };
}

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `${path} holds "${from}"`);
  writeFileSync(path, text.replace(from, to));
}

test('an edited copy is recorded after the quiet period as the user version, without the marker; the canary stops; installs move', async () => {
  const { w, v1, copy, link } = await installed('release', 'Tag the release.');
  // a running canary on this skill: a candidate on top of the current version
  const draft = join(tempDir(), 'release');
  mkdirSync(draft);
  writeFileSync(join(draft, 'SKILL.md'), skillText('release', 'Tag the release, then publish.'));
  await w.library.proposeCandidate('release', draft, 'try publishing too');
  const canaries = new CanaryEngine(w.store, w.library);
  await canaries.start('release');

  edit(copy, 'Tag the release.', 'Tag the release.\nWrite the changelog first.');
  const heard: AbsorbedEdit[] = [];
  const onHandEdit = async (e: AbsorbedEdit) => {
    heard.push(e);
    await canaries.cancel(e.skill, `canary cancelled: hand edit ${e.version.slice(0, 7)}`);
  };
  const ctx = { ...w, onHandEdit };
  const early = await absorbHandEdits({ ...ctx, clock: Date.now });
  assert.deepEqual(early.committed, []);
  assert.deepEqual(early.waiting.map((p) => [p.skill, p.path, p.where]), [['release', join(w.userHome, '.copilot/skills/release'), 'install']]);
  assert.ok(early.waiting[0].quietInMs > DEFAULT_QUIET_MS - 60_000);
  assert.equal((await w.library.log('release')).length, 1, 'nothing recorded before the edit is quiet');

  const report = await absorbHandEdits({ ...ctx, clock: LATER });
  assert.deepEqual(report.problems, []);
  assert.equal(report.committed.length, 1);
  const [absorbed] = report.committed;
  assert.deepEqual({ ...absorbed, version: '' }, { skill: 'release', version: '', baseVersion: v1, path: join(w.userHome, '.copilot/skills/release'), where: 'install' });
  assert.deepEqual(heard, [absorbed]);

  const now = await w.library.show('release');
  assert.equal(now.version, absorbed.version);
  assert.equal(now.files['SKILL.md'], USER_VERSION('release', 'Tag the release.\nWrite the changelog first.'));
  assert.deepEqual(findVersionMarkers(now.files['SKILL.md']), [], 'the library never records the marker');
  assert.deepEqual(Object.keys(now.files), ['SKILL.md'], 'nor the ownership file');
  const [message] = (await w.library.log('release')).map((v) => v.message);
  assert.match(message, /^update\(release\): hand edit by the user in ~\/\.copilot\/skills\/release\n/);
  assert.match(message, new RegExp(`edited version ${v1.slice(0, 7)} as installed for GitHub Copilot \\(user\\)`));
  assert.ok(isHandEdit(w.store, 'release', absorbed.version));
  assert.deepEqual(handEdits(w.store).map((h) => [h.skill, h.version, h.baseVersion]), [['release', absorbed.version, v1]]);

  const [{ canary }] = canaries.status();
  assert.deepEqual([canary.state, canary.reason], ['cancelled', `canary cancelled: hand edit ${absorbed.version.slice(0, 7)}`]);
  assert.equal(canaries.running('release'), undefined);

  // both installs now show the user's version, marked with its id
  for (const path of [copy, link]) {
    const text = readFileSync(path, 'utf8');
    assert.match(text, /Write the changelog first\./);
    assert.deepEqual(findVersionMarkers(text), [{ version: absorbed.version }, { version: absorbed.version, skill: 'release' }]);
  }
  assert.ok(listInstallRecords(w.store).every((r) => r.version === absorbed.version));
  const again = await absorbHandEdits({ ...ctx, clock: LATER });
  assert.deepEqual([again.committed, again.waiting, again.unchanged], [[], [], 2]);
  if (!noGitReason) assertHealthyRepo(w.library.dir, { allowDangling: true });
  await w.close();
});

test('an edit through the link (the version folder under the home) is recorded too, and the path shown is the link', async () => {
  const { w, v1, link } = await installed('bisect', 'Use git bisect.');
  edit(link, 'Use git bisect.', 'Use git bisect run with the failing test.');
  const report = await absorbHandEdits({ ...w, clock: LATER });
  assert.deepEqual(report.problems, []);
  assert.deepEqual(report.committed.map((c) => [c.path, c.baseVersion]), [[join(w.userHome, '.claude/skills/bisect'), v1]]);
  assert.equal((await w.library.show('bisect')).files['SKILL.md'], USER_VERSION('bisect', 'Use git bisect run with the failing test.'));
  assert.match(readFileSync(join(w.userHome, '.copilot/skills/bisect/SKILL.md'), 'utf8'), /with the failing test/);
  await w.close();
});

test('an edit in the library folder itself is recorded, and the installs follow', { skip: noGitReason }, async () => {
  const { w, v1, copy } = await installed('format', 'Run prettier.');
  const inLibrary = join(w.library.dir, 'format', 'SKILL.md');
  writeFileSync(inLibrary, skillText('format', 'Run prettier --write on changed files.'));
  const report = await absorbHandEdits({ ...w, clock: LATER });
  assert.deepEqual(report.problems, []);
  assert.deepEqual(report.committed.map((c) => [c.where, c.baseVersion]), [['library', v1]]);
  assert.equal((await w.library.show('format')).files['SKILL.md'], USER_VERSION('format', 'Run prettier --write on changed files.'));
  assert.match((await w.library.log('format'))[0].message, /^update\(format\): hand edit by the user in the library folder/);
  assertHealthyRepo(w.library.dir);
  assert.match(readFileSync(copy, 'utf8'), /--write on changed files/);
  await w.close();
});

test('a touched marker alone is no edit; an invalid edit is reported and kept, never lost', async () => {
  const { w, v1, copy } = await installed('deps', 'Update one dependency at a time.');
  const original = readFileSync(copy, 'utf8');
  writeFileSync(copy, original.replace(/<!-- skillsmith-version: .* -->\n/, ''));
  const marker = await absorbHandEdits({ ...w, clock: LATER });
  assert.deepEqual([marker.committed, marker.problems], [[], []]);
  assert.equal(readFileSync(copy, 'utf8'), original, 'reinstalling put the marker back');
  assert.equal((await w.library.log('deps')).length, 1);

  const broken = original.replace(/^description: .*\n/m, '');
  writeFileSync(copy, broken);
  const refused = await absorbHandEdits({ ...w, clock: LATER });
  assert.equal(refused.committed.length, 0);
  assert.match(refused.problems.join('\n'), /deps: the hand edit was not recorded: .*description/);
  assert.equal(readFileSync(copy, 'utf8'), broken, 'the user edit stays where it is');
  assert.equal((await w.library.show('deps')).version, v1);
  assert.equal((await absorbHandEdits({ ...w, clock: LATER })).problems.length, 1, 'and is reported again until fixed');

  // a copy replaced by a folder of the user's own is not Skillsmith's to record
  const folder = join(w.userHome, '.copilot/skills/deps');
  rmSync(folder, { recursive: true });
  mkdirSync(folder);
  writeFileSync(join(folder, 'SKILL.md'), skillText('deps', 'Entirely my own.'));
  const foreign = await absorbHandEdits({ ...w, clock: LATER });
  assert.deepEqual([foreign.committed, foreign.waiting, foreign.problems], [[], [], []]);
  assert.equal((await w.library.show('deps')).version, v1);
  await w.close();
});

test('an offline draft edited by hand is no longer the offline engine\u2019s to rewrite', async () => {
  const w = await world();
  const src = join(tempDir(), 'triage');
  mkdirSync(src);
  const offline = `---\nname: triage\ndescription: Triage issues. Use when triaging.\nmetadata:\n  skillsmith-engine: offline\n  skillsmith-draft: 'true'\n  skillsmith-workflow: search > read:.md\n---\n\n# Triage\n`;
  writeFileSync(join(src, 'SKILL.md'), offline);
  await w.library.add(src);
  await installSkill(w, { skill: 'triage', agents: [agentTarget('openclaw')], scope: 'user', trustedWorkspace: true });
  edit(join(w.userHome, '.openclaw/skills/triage/SKILL.md'), '# Triage\n', '# Triage\n\nLabel first, then assign.\n');
  await absorbHandEdits({ ...w, clock: LATER });
  const text = (await w.library.show('triage')).files['SKILL.md'];
  assert.equal(text, `---\nname: triage\ndescription: Triage issues. Use when triaging.\nmetadata:\n  skillsmith-engine: user\n  skillsmith-workflow: search > read:.md\n---\n\n# Triage\n\nLabel first, then assign.\n`);
  assert.equal(await new OfflineEngine().revise({ name: 'triage', files: { 'SKILL.md': text } }, []), undefined);
  await w.close();
});

test('the user version of an edited frontmatter keeps the edit and drops only the marker', () => {
  const file = (text: string) => new Map([['SKILL.md', { bytes: new TextEncoder().encode(text), executable: false }]]);
  const text = (files: Map<string, { bytes: Uint8Array }>) => Buffer.from(files.get('SKILL.md')!.bytes).toString('utf8');
  const base = file(skillText('notes', 'Keep notes.'));
  const installedFiles = markedFiles('notes', 'abcdef0123456789abcdef0123456789abcdef01', base);
  const edited = file(text(installedFiles).replace(/^description: .*$/m, 'description: Keep short notes. Use when taking notes.').replace('Keep notes.', 'Keep short notes.'));
  const user = withoutMarker(edited, installedFiles, base);
  assert.equal(text(user), '---\nname: notes\ndescription: Keep short notes. Use when taking notes.\n---\n\nKeep short notes.\n');
  assert.equal(
    text(markedAsHandEdit(user)),
    '---\nname: notes\ndescription: Keep short notes. Use when taking notes.\nmetadata:\n  skillsmith-engine: user\n---\n\nKeep short notes.\n',
  );
});

test('a hand edit that adds a secret is not absorbed: the problem names the file, line and kind, the edit stays on disk', async () => {
  const { w, v1, copy } = await installed('deploy', 'Deploy with the script.');
  const secret = ['ghp_', 'H4nDeD1tS3cr3t0kEn9x8c7v6b5n4m3Q2w1e0R'].join('');
  edit(copy, 'Deploy with the script.', `Deploy with the script.\nexport GITHUB_TOKEN=${secret}`);
  const edited = readFileSync(copy, 'utf8');
  const refused = await absorbHandEdits({ ...w, clock: LATER });
  assert.equal(refused.committed.length, 0);
  assert.match(refused.problems.join('\n'), /deploy: the hand edit was not recorded: .*SKILL\.md:\d+ (github-token|env-secret) \(fingerprint [0-9a-f]{12}\)/);
  assert.ok(!refused.problems.join('\n').includes(secret));
  assert.equal(readFileSync(copy, 'utf8'), edited, 'the user edit stays where it is');
  assert.equal((await w.library.show('deploy')).version, v1);
  await w.close();
});
