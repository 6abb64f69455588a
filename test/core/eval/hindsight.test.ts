import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playbookBudget, RawReuse, staticPlaybook } from '../../../src/core/eval/baselines';
import { hindsight } from '../../../src/core/eval/hindsight';
import type { EvalRequest } from '../../../src/core/eval/requests';
import { evalSkill } from '../../../src/core/eval/skills';

const req = (id: string, text: string, succeeded: string[] = [], failed: string[] = []): EvalRequest => ({ id, sessionKey: id.split('#')[0], text, succeeded, failed });

const EARLIER = [
  req('a:1#0', 'fix the failing go tests in the parser', ['go test', 'mise run lint'], ['go build']),
  req('a:2#0', 'write release notes for version 2', ['git log']),
  req('a:3#0', 'run the go tests again', ['go test'], ['mise run fmt']),
  req('a:4#0', 'hello there, nice to meet you'),
];
const LATER = [
  req('b:1#0', 'the parser go tests fail, fix them after changing the package', ['go test', 'go vet'], ['go build', 'mise run fmt']),
  req('b:1#4', 'write release notes for version 3', ['git log', 'gh release create']),
  req('b:2#0', 'explain the architecture'),
  req('b:3#0', 'update the docker image', ['docker build']),
];

const RUN_TESTS = `---
name: run-go-tests
description: Run the Go tests after changing a package.
---
# Steps
1. Run \`go test ./...\`.
2. Then \`mise run lint\`.
# Pitfalls
- \`go build\` when the generated files are stale.
`;
// names its commands in prose only
const RELEASE = `---
name: release-notes
description: Write release notes for a tagged version.
---
Run git log since the previous tag, then gh release create with the notes.
`;
const SKILLS = [evalSkill('run-go-tests', 'v1', { 'SKILL.md': RUN_TESTS }), evalSkill('release-notes', 'v1', { 'SKILL.md': RELEASE })];

const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual}, expected ${expected}`);

test('skills, raw reuse and the static playbook scored by hand on four later requests', () => {
  const h = hindsight(SKILLS, EARLIER, LATER, { k: 3 });
  assert.deepEqual(h.requests.map((r) => r.skills), [['run-go-tests'], ['release-notes'], [], []]);
  assert.deepEqual(h.requests.map((r) => r.reused), [['a:1#0', 'a:3#0'], ['a:2#0'], [], []]);
  // matched skills name 3 and 2 commands: median 2.5, times k = 7.5, rounded up
  assert.equal(h.budget, 8);
  assert.deepEqual(h.playbook, ['go test', 'git log', 'mise run lint']);
  const expected = {
    // per request: recall (1/2, 1, 0), precision (2/3, 1), F1 (4/7, 1, 0), foresight (1/2), covered 2 of 4
    skills: { recall: [0.5, 3], precision: [5 / 6, 2], f1: [(4 / 7 + 1) / 3, 3], foresight: [0.5, 1], coverage: [0.5, 4] },
    // recall (1/2, 1/2, 0), precision (1/2, 1), F1 (1/2, 2/3, 0), foresight (1: go build from a:1, mise run fmt from a:3)
    rawReuse: { recall: [1 / 3, 3], precision: [0.75, 2], f1: [(0.5 + 2 / 3) / 3, 3], foresight: [1, 1], coverage: [0.5, 4] },
    // the same three commands for all: recall (1/2, 1/2, 0), precision (1/3, 1/3, 0, 0), F1 (2/5, 2/5, 0), foresight 1
    staticPlaybook: { recall: [1 / 3, 3], precision: [1 / 6, 4], f1: [0.8 / 3, 3], foresight: [1, 1], coverage: [1, 4] },
  };
  for (const [method, metrics] of Object.entries(expected)) {
    for (const [metric, [mean, n]] of Object.entries(metrics)) {
      const got = h.methods[method as keyof typeof h.methods][metric as 'recall'];
      near(got.mean, mean, `${method} ${metric}`);
      assert.equal(got.n, n, `${method} ${metric} n`);
    }
  }
});

test('raw reuse looks up only earlier requests that ran a command, most similar first', () => {
  const raw = new RawReuse(EARLIER);
  assert.deepEqual(raw.similar('hello there', 3), []);
  assert.deepEqual(raw.similar('the go tests of the parser', 1).map((r) => r.id), ['a:1#0']);
});

test('the playbook takes the most frequent successful commands, counted once per request, ties by name', () => {
  const p = staticPlaybook([...EARLIER, req('a:5#0', 'x', ['git log', 'git log'])], 2);
  assert.deepEqual(p.commands, ['git log', 'go test']);
  assert.deepEqual([...p.warned].sort(), ['go build', 'mise run fmt']);
  assert.equal(playbookBudget([], 3), 3);
  assert.equal(playbookBudget([1, 4, 6], 2), 8);
  assert.equal(playbookBudget([0, 0], 3), 3);
});

test('the same input gives the same scores and order', () => {
  assert.deepEqual(hindsight(SKILLS, EARLIER, LATER, { k: 3 }), hindsight([...SKILLS].reverse(), EARLIER, LATER, { k: 3 }));
});
