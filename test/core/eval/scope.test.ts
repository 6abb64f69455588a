import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hindsight } from '../../../src/core/eval/hindsight';
import type { EvalRequest } from '../../../src/core/eval/requests';
import { evalSkill } from '../../../src/core/eval/skills';
import { scopeMatches } from '../../../src/core/match/scope';

function skill(name: string, description: string, body: string, metadata: Record<string, string> = {}) {
  const meta = Object.keys(metadata).length ? ['metadata:', ...Object.entries(metadata).map(([k, v]) => `  ${k}: ${v}`)] : [];
  return evalSkill(name, 'v1', { 'SKILL.md': ['---', `name: ${name}`, `description: ${description}`, ...meta, '---', '', body, ''].join('\n') });
}

const request = (id: string, text: string, succeeded: string[], workspace?: string): EvalRequest => ({ id, sessionKey: id, text, succeeded, failed: [], ...(workspace ? { workspace } : {}) });

test('a later request is offered its own project skill first and never a skill of another project', () => {
  const skills = [
    skill('working-in-shop', 'How to check changes in shop.', '# Working in shop\n\n1. Run `npm test`.', { 'skillsmith-project': 'shop', 'skillsmith-kind': 'project' }),
    skill('fix-failing-tests', 'Fix failing tests in the billing service.', '# Fix failing tests\n\n1. Run `cargo test`.', { 'skillsmith-project': 'billing' }),
  ];
  const earlier = [request('e1', 'fix the failing tests', ['npm test'], '/checkouts/alice/shop')];
  const later = [request('l1', 'fix the failing tests please', ['npm test'], '/checkouts/bob/code/shop')];
  const h = hindsight(skills, earlier, later, { k: 3 });
  // by the words alone the billing skill fits best; scoped, shop's request gets shop's skill only
  assert.deepEqual(h.requests[0].skills, ['working-in-shop']);
  assert.deepEqual(h.requests[0].named, ['npm test']);
  assert.equal(h.methods.skills.f1.mean, 1);
});

test('the project skill takes one of the k places; a request of no known project gets only unscoped skills', () => {
  const scopes = new Map([
    ['p', { project: 'app', always: true }],
    ['a', { project: 'app' }],
    ['b', { project: 'other' }],
    ['c', {}],
  ]);
  const ranked = ['b', 'c', 'a'].map((skill) => ({ skill }));
  assert.deepEqual(scopeMatches(ranked, scopes, 'app', 2, (skill) => ({ skill })).map((m) => m.skill), ['p', 'c']);
  assert.deepEqual(scopeMatches(ranked, scopes, undefined, 3, (skill) => ({ skill })).map((m) => m.skill), ['c']);
});
