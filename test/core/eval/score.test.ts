import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EvalRequest } from '../../../src/core/eval/requests';
import { meanScores, scoreRequest, type Offer } from '../../../src/core/eval/score';

const request = (succeeded: string[], failed: string[] = []): EvalRequest => ({ id: 'r', sessionKey: 's', text: 'x', succeeded, failed });
const offer = (named: string[], warned: string[] = []): Offer => ({ offered: true, named: new Set(named), warned: new Set(warned) });
/** Equal up to floating-point rounding. */
const near = (actual: number | undefined, expected: number) => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} is not ${expected}`);
const nothing: Offer = { offered: false, named: new Set(), warned: new Set() };

test('recall, precision, F1 and foresight of one request, by hand', () => {
  // ran go test, go vet (succeeded) and go build (failed); offered go test, go build, mise run lint, warning about go build
  const s = scoreRequest(request(['go test', 'go vet'], ['go build']), offer(['go test', 'go build', 'mise run lint'], ['go build']));
  assert.equal(s.recall, 1 / 2);
  assert.equal(s.precision, 2 / 3);
  near(s.f1, 4 / 7);
  assert.equal(s.foresight, 1);
  assert.equal(s.covered, true);
});

test('a request with commands and no match scores recall 0 and F1 0; precision is not defined for it', () => {
  const s = scoreRequest(request(['docker build'], ['docker push']), nothing);
  assert.deepEqual(s, { covered: false, recall: 0, f1: 0, foresight: 0 });
});

test('a request with no commands has no recall or F1; what is offered to it is all wrong', () => {
  assert.deepEqual(scoreRequest(request([]), nothing), { covered: false });
  assert.deepEqual(scoreRequest(request([]), offer(['go test'])), { covered: true, precision: 0 });
});

test('a command that failed and then passed counts for recall and for foresight', () => {
  const s = scoreRequest(request(['go test'], ['go test']), offer(['go test']));
  assert.deepEqual(s, { covered: true, recall: 1, precision: 1, f1: 1, foresight: 0 });
});

test('each mean is over the requests its metric is defined for; coverage over all', () => {
  const m = meanScores([
    { covered: true, recall: 1, precision: 0.5, f1: 2 / 3 },
    { covered: false, recall: 0, f1: 0, foresight: 0 },
    { covered: true, precision: 0 },
    { covered: false },
  ]);
  assert.deepEqual(m.recall, { mean: 0.5, n: 2 });
  assert.deepEqual(m.precision, { mean: 0.25, n: 2 });
  near(m.f1.mean, 1 / 3);
  assert.equal(m.f1.n, 2);
  assert.deepEqual(m.foresight, { mean: 0, n: 1 });
  assert.deepEqual(m.coverage, { mean: 0.5, n: 4 });
  assert.deepEqual(meanScores([]).recall, { mean: 0, n: 0 });
});
