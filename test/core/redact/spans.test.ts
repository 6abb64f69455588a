import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeFindings } from '../../../src/core/redact/spans';

test('overlapping findings merge into one span typed by the most specific', () => {
  const merged = mergeFindings([
    { type: 'env-secret', start: 8, end: 60 },
    { type: 'openai-key', start: 8, end: 60 },
    { type: 'bearer-token', start: 70, end: 90 },
    { type: 'jwt', start: 75, end: 95 },
  ]);
  assert.deepEqual(merged, [
    { type: 'openai-key', start: 8, end: 60 },
    { type: 'jwt', start: 70, end: 95 },
  ]);
});

test('nested, chained and adjacent findings', () => {
  const merged = mergeFindings([
    { type: 'url-credentials', start: 30, end: 40 },
    { type: 'password', start: 10, end: 50 },
    { type: 'env-secret', start: 45, end: 55 },
    { type: 'secret', start: 55, end: 60 },
    { type: 'jwt', start: 3, end: 3 },
  ]);
  assert.deepEqual(merged, [
    { type: 'url-credentials', start: 10, end: 55 },
    { type: 'secret', start: 55, end: 60 },
  ]);
});

test('the input findings are not modified', () => {
  const input = [
    { type: 'password' as const, start: 0, end: 10 },
    { type: 'jwt' as const, start: 5, end: 20 },
  ];
  const copy = structuredClone(input);
  mergeFindings(input);
  assert.deepEqual(input, copy);
});
