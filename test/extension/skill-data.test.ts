import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveHome } from '../../src/core/home';
import { SkillLibrary } from '../../src/core/skills/library/library';
import { SkillData } from '../../src/vscode/data/skill-data';
import { DETAIL_SKILL_MD_CHARS, parseHostMessage } from '../../webview/protocol';
import { FIXTURE, makeFixtureHome } from '../vscode/fixtures/fixture-home';

// One fixture for the file: the real core (distill, library, trust, canary, install) on real folders.
const fixture = makeFixtureHome(mkdtempSync(join(tmpdir(), 'skill-data-')));

test('the tree groups the fixture library by state, with trust and canary from the state store', async () => {
  const data = new SkillData(await fixture);
  const model = await data.tree();
  const names = Object.fromEntries(model.groups.map((g) => [g.id, g.skills.map((s) => s.name)]));
  assert.deepEqual(names, {
    active: ['add-migration-column', 'café-tips', 'cut-patch-release', 'git-bisect', FIXTURE.huge, 'python-venv-setup', '部署'],
    candidates: [FIXTURE.candidate],
    canary: [FIXTURE.canary],
    drafts: [FIXTURE.draft],
    quarantined: [FIXTURE.quarantined],
  });
  const active = model.groups[0]!.skills;
  assert.equal(active.find((s) => s.name === 'git-bisect')!.trust, 'verified');
  assert.equal(active.find((s) => s.name === FIXTURE.canary)!.canary, 'running');
  assert.equal(model.groups[4]!.skills[0]!.trust, 'quarantined');
  assert.match(model.groups[1]!.skills[0]!.reason!, /bisect a clean tree/);
});

test('a skill\'s children are its versions, newest first, and the sessions it was distilled from', async () => {
  const data = new SkillData(await fixture);
  const bisect = await data.children('git-bisect', 'candidates');
  assert.deepEqual(bisect.versions.map((v) => [v.candidate, v.current]), [[true, false], [false, true], [false, false], [false, false]]);
  assert.deepEqual(bisect.sessions, [], 'written by hand');
  const release = await data.children('cut-patch-release', 'active');
  assert.equal(release.sessions.length, 4);
  assert.ok(release.sessions.every((s) => s.atoms.length === 1 && /release|version|patch/i.test(s.atoms[0]!.intent)), JSON.stringify(release.sessions));
  const draft = await data.children(FIXTURE.draft, 'drafts');
  assert.equal(draft.versions.length, 1);
  assert.equal(draft.versions[0]!.candidate, true);
});

test('the detail holds the SKILL.md, metadata, provenance, trust, installs and the canary\'s looks', async () => {
  const home = await fixture;
  const data = new SkillData(home);
  const bisect = await data.detail('git-bisect');
  assert.equal(bisect.trust?.successes, 12);
  assert.equal(bisect.trust?.failures, 2);
  assert.ok(bisect.trust!.lower < bisect.trust!.mean);
  assert.deepEqual(bisect.installs?.map((i) => i.path), [join(home.userHome, '.claude', 'skills', 'git-bisect')]);
  assert.deepEqual(bisect.metadata.find((m) => m.key === 'name'), { key: 'name', value: 'git-bisect' });
  const canary = await data.detail(FIXTURE.canary);
  assert.equal(canary.canary?.status, 'running');
  const looks = canary.canary!.looks;
  assert.deepEqual(looks.map((l) => l.current.trials), [20, 40, 48], 'the two planned looks, then the tallies since');
  assert.ok(looks[1]!.candidate.successes > looks[1]!.current.successes);
  assert.equal(canary.provenance.length, 5);
  const candidate = await data.detail(FIXTURE.canary, 'candidate');
  assert.equal(candidate.shown.kind, 'candidate');
  assert.equal(candidate.trust, null, 'a candidate has no trust of its own yet');
  assert.equal(bisect.canStartCanary, true, 'installed, with a candidate on its current version: a canary can start');
  assert.equal(canary.canStartCanary, false, 'one runs already');
  assert.equal((await data.detail('python-venv-setup')).canStartCanary, false, 'no candidate');
  assert.deepEqual(await data.canaryChoices(), { ready: ['git-bisect'], running: [FIXTURE.canary] });
  await assert.rejects(data.detail('no-such-skill'), /no skill or candidate named "no-such-skill"/);
});

test('a home with no state yet shows the library and says why trust and installs are empty', async () => {
  const data = new SkillData(resolveHome(mkdtempSync(join(tmpdir(), 'empty-home-'))));
  const model = await data.tree();
  assert.equal(model.groups.reduce((n, g) => n + g.skills.length, 0), 0);
  assert.deepEqual((await data.tokenUsage('2026-11-22')).rows, []);
});

test('a SKILL.md longer than the panel is sent arrives cut at a line, with the whole length, and fits the protocol', async () => {
  const home = await fixture;
  const data = new SkillData(home);
  const whole = (await (await SkillLibrary.open(home.library)).show(FIXTURE.huge)).files['SKILL.md']!.toString();
  assert.ok(whole.length > 250_000, `the fixture's runbook is ${whole.length} characters`);
  const detail = await data.detail(FIXTURE.huge);
  assert.equal(detail.skillMdChars, whole.length);
  assert.ok(detail.skillMd.length <= DETAIL_SKILL_MD_CHARS && detail.skillMd.length > DETAIL_SKILL_MD_CHARS - 200, `${detail.skillMd.length} characters sent`);
  assert.ok(whole.startsWith(detail.skillMd) && detail.skillMd.endsWith('\n'), 'the beginning of the file, whole lines');
  assert.deepEqual(detail.metadata.find((m) => m.key === 'name'), { key: 'name', value: FIXTURE.huge }, 'metadata from the whole file');
  assert.equal(parseHostMessage({ type: 'detail', detail })?.type, 'detail', 'the page accepts it');
  const small = await data.detail('café-tips');
  assert.equal(small.skillMdChars, undefined, 'a file that fits is sent whole');
  assert.equal(parseHostMessage({ type: 'detail', detail: small })?.type, 'detail');
});
