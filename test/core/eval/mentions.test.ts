import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionsIn } from '../../../src/core/eval/mentions';

const VOCABULARY = new Set(['go test', 'go build', 'go vet', 'mise run lint', 'git log', 'gh release create', 'make', 'pytest']);

const sorted = (s: Set<string>) => [...s].sort();

test('a skill names the commands in its code blocks and code spans, read with the sessions\' normalizer', () => {
  const text = ['Run `go test -v ./...` first.', '', '```bash', '$ mise run lint', 'go build ./cmd/app', '```', 'Edit `internal/x.go` and `SKILL.md`.'].join('\n');
  const m = mentionsIn(text, VOCABULARY);
  assert.deepEqual(sorted(m.named), ['go build', 'go test', 'mise run lint']);
  assert.deepEqual(sorted(m.warned), []);
});

test('a command named in code counts even when no session ran it, if its program is one the sessions ran', () => {
  // `go generate` is not in the vocabulary, but `go` is a program the project runs: naming it can be wrong
  const m = mentionsIn('Then run `go generate ./...` and `terraform plan`.', VOCABULARY);
  assert.deepEqual(sorted(m.named), ['go generate']);
});

test('a skill naming a command only in prose names it; a one-word program counts only in code', () => {
  const m = mentionsIn('Run git log since the previous tag, then gh release create with the notes. Make sure pytest passes.', VOCABULARY);
  assert.deepEqual(sorted(m.named), ['gh release create', 'git log']);
  assert.deepEqual(sorted(mentionsIn('Run `make` at the root, then `pytest`.', VOCABULARY).named), ['make', 'pytest']);
});

test('a project program that is also a word is not credited from prose (a quoted request "check the entire flow")', () => {
  const vocabulary = new Set([...VOCABULARY, 'entire']);
  assert.deepEqual(sorted(mentionsIn('- "can you check the entire flow again?"', vocabulary).named), []);
  assert.deepEqual(sorted(mentionsIn('Then run `entire status`.', vocabulary).named), ['entire']);
});

test('a command named under a pitfalls heading, or on a line that warns, is warned about', () => {
  const text = ['# Steps', '1. `go test ./...`', '# Pitfalls', '- `go build` when the generated files are stale', '# Done', '- `go vet` never passes on the first try', '- `git log` to check'].join('\n');
  const m = mentionsIn(text, VOCABULARY);
  assert.deepEqual(sorted(m.named), ['git log', 'go build', 'go test', 'go vet']);
  assert.deepEqual(sorted(m.warned), ['go build', 'go vet']);
});
