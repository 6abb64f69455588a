import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandHead as fromSteps } from '../../../src/core/distill/atoms/steps';
import { commandHead, isWorkingCommand, workingCommands } from '../../../src/core/text/command-head';

test('a command is its normalized head: program and subcommands, without flags, paths, values or the environment', () => {
  const cases: [string, string][] = [
    ['cd app && FOO=1 npm run build -- --watch', 'npm run build'],
    ['go test -run TestX ./...', 'go test'],
    ['gh pr view 12 --comments', 'gh pr view'],
    ['mise run test', 'mise run test'],
    ['uv run pytest tests/', 'uv run pytest'],
    ['python -m pytest -x', 'python -m pytest'],
    ['git --no-pager log --oneline', 'git log'],
    ['git push origin main', 'git push'],
    ['make -C sub build', 'make build'],
    ['/usr/local/go/bin/go vet ./...', 'go vet'],
    ['npx tsc --noEmit', 'npx tsc'],
    ['sudo docker compose up -d', 'docker compose up'],
    ['bin/rails test', 'bin/rails'],
  ];
  for (const [command, head] of cases) assert.equal(commandHead(command), head, command);
});

test('quoted text, here-documents, shell keywords and line continuations are not commands', () => {
  const commit = `git commit -m "$(cat <<'EOF'\nFix the parser\n\nmake sure it works; rm nothing\nEOF\n)"`;
  assert.deepEqual(workingCommands(commit), ['git commit']);
  assert.deepEqual(workingCommands('for f in a b; do go test $f; done'), ['go test']);
  assert.deepEqual(workingCommands('if go vet ./...; then echo ok; fi'), ['go vet']);
  assert.deepEqual(workingCommands('go test \\\n  ./pkg/... \\\n  -run X'), ['go test']);
  assert.deepEqual(workingCommands('internal/x/y.go'), []);
});

test('every segment of a shell line counts once; navigation and viewers are left out', () => {
  assert.deepEqual(workingCommands('cd api && go build ./... && go test ./... | tail -5 && go test ./x'), ['go build', 'go test']);
  for (const viewer of ['ls -la', 'cat README.md', 'grep -rn foo .', 'head -20 x', 'tail -f log', 'find . -name x', 'echo hi', 'pwd']) {
    assert.deepEqual(workingCommands(viewer), [], viewer);
  }
  assert.equal(isWorkingCommand('cat'), false);
  assert.equal(isWorkingCommand('npm run lint'), true);
});

test('distillation and evaluation share the one definition', () => {
  assert.equal(fromSteps, commandHead);
});
