import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LibrarySkill, SkillCandidate } from '../../src/core/skills/library/types';
import { buildTreeModel, NO_SIGNALS } from '../../src/vscode/model/tree-model';
import type { CanaryView } from '../../webview/protocol';

const v = (c: string) => c.repeat(40);
const skill = (name: string, version: string): LibrarySkill => ({ name, description: `${name} things`, version, updatedAt: '2026-11-01T00:00:00.000Z' });
const candidate = (name: string, version: string, base: string | null) =>
  ({ name, branch: `candidate/${name}`, version: { id: version, shortId: version.slice(0, 7), date: '2026-11-02T00:00:00.000Z', message: `propose(${name}): why` }, reason: 'why', baseVersion: base, description: `${name} proposed` }) satisfies SkillCandidate & { description: string };

test('skills fall into Active, Candidates, Canary, Drafts and Quarantined by what the library and the signals say', () => {
  const canary: CanaryView = { status: 'running', current: v('1'), candidate: v('c'), share: 0.5, startedAt: '2026-11-01T00:00:00.000Z', looks: [] };
  const model = buildTreeModel({
    library: '/lib',
    skills: [skill('zeta', v('3')), skill('alpha', v('1')), skill('bad', v('2')), skill('beta', v('4'))],
    candidates: [candidate('alpha', v('c'), v('1')), candidate('beta', v('d'), v('4')), candidate('new-one', v('e'), null)],
    signals: { trust: new Map([['bad', { level: 'quarantined', reason: 'scan', successes: 0, failures: 0, mean: 0.5, lower: 0.05 }], ['zeta', { level: 'trusted', reason: 'proven', successes: 20, failures: 1, mean: 0.9, lower: 0.8 }]]), canary: new Map([['alpha', canary]]), uses: new Map([['zeta', 7]]) },
  });
  const names = Object.fromEntries(model.groups.map((g) => [g.id, g.skills.map((s) => s.name)]));
  assert.deepEqual(names, { active: ['alpha', 'beta', 'zeta'], candidates: ['beta'], canary: ['alpha'], drafts: ['new-one'], quarantined: ['bad'] });
  assert.deepEqual(model.groups.map((g) => g.label), ['Active', 'Candidates awaiting review', 'Canary running', 'Drafts', 'Quarantined']);
  const zeta = model.groups[0]!.skills.find((s) => s.name === 'zeta')!;
  assert.equal(zeta.trust, 'trusted');
  assert.equal(zeta.uses, 7);
  assert.equal(model.groups[0]!.skills.find((s) => s.name === 'alpha')!.canary, 'running', 'the current version shows its canary');
  assert.equal(model.groups[2]!.skills[0]!.version, v('c'), 'the canary entry is the candidate');
  assert.equal(model.groups[3]!.skills[0]!.baseVersion, null);
  assert.equal('trust' in model.groups[1]!.skills[0]!, false, 'unknown signals are left out, not invented');
});

test('a canary that ended, or that runs another candidate, leaves the candidate awaiting review', () => {
  const ended: CanaryView = { status: 'rolled-back', current: v('1'), candidate: v('c'), share: 0.5, startedAt: '2026-11-01T00:00:00.000Z', looks: [] };
  const model = buildTreeModel({ library: '/lib', skills: [skill('alpha', v('1'))], candidates: [candidate('alpha', v('c'), v('1'))], signals: { ...NO_SIGNALS, canary: new Map([['alpha', ended]]) } });
  assert.deepEqual(model.groups.find((g) => g.id === 'candidates')!.skills.map((s) => s.name), ['alpha']);
  assert.deepEqual(model.groups.find((g) => g.id === 'canary')!.skills, []);
});
