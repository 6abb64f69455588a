import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitTrajectory } from '../../../src/core/distill/split/heuristic';
import { commandsInMarkdown, evidenceCommands, evidenceFiles, programsOf, unsupportedCommands } from '../../../src/core/distill/llm/commands';
import { agent, bash, edit, read, session, shell, user } from './builders';

const atoms = splitTrajectory(
  session('claude-code', 'c1', [
    user('release a patch'),
    agent(
      'ok',
      bash('cd app && npm version patch --no-git-tag-version'),
      read('/w/app/CHANGELOG.md'),
      edit('/w/app/CHANGELOG.md'),
      shell('git push origin main --tags'),
      bash('npm test -- src/orders.test.ts', 'FAIL\nexit code 1', true),
    ),
  ]),
);
const evidence = evidenceCommands(atoms);

test('evidence commands include compound commands and their parts, whitespace-normalized', () => {
  assert.ok(evidence.includes('cd app && npm version patch --no-git-tag-version'));
  assert.ok(evidence.includes('npm version patch --no-git-tag-version'));
  assert.ok(evidence.includes('cd app'));
  assert.ok(evidence.includes('git push origin main --tags'), 'a Codex argv command is read as its shell string');
  assert.deepEqual([...evidenceFiles(atoms)].sort(), ['CHANGELOG.md']);
});

test('commands are read from shell blocks, unlabelled blocks and inline code that reads as a command', () => {
  const body = [
    '# Release',
    'Bump with `npm version patch --no-git-tag-version`, then look at `CHANGELOG.md` and the `order total` test.',
    '',
    '```bash',
    '$ git push origin main \\',
    '    --tags',
    '# a comment is not a command',
    '```',
    '',
    '```',
    'Tests: 58 passed',
    'make release',
    '```',
    '',
    '```ts',
    'rm -rf /  // code in another language is code, not a command',
    '```',
    'Mention `docker` alone and `./scripts/deploy.sh staging`.',
  ].join('\n');
  assert.deepEqual(commandsInMarkdown(body).sort(), [
    './scripts/deploy.sh staging',
    'docker',
    'git push origin main --tags',
    'make release',
    'npm version patch --no-git-tag-version',
  ]);
});

test('an inline span starting with a program the sessions used counts even if it is not a common one', () => {
  const body = 'Then run `shopctl sync --all` and read `shopctl`.';
  assert.deepEqual(commandsInMarkdown(body), []);
  assert.deepEqual(commandsInMarkdown(body, new Set(['shopctl'])), ['shopctl sync --all', 'shopctl']);
  assert.deepEqual([...programsOf(['shopctl sync', 'FOO=1 npm test'])].sort(), ['npm', 'shopctl']);
});

test('supported: exact, shorter, placeholders, extra positional arguments; not: other commands or new flags', () => {
  const check = (c: string) => unsupportedCommands([c], evidence, evidenceFiles(atoms));
  assert.deepEqual(check('npm  version   patch --no-git-tag-version'), [], 'whitespace does not matter');
  assert.deepEqual(check('npm version'), [], 'a prefix of a command that ran');
  assert.deepEqual(check('npm version <level> --no-git-tag-version'), [], 'a placeholder stands for the concrete value');
  assert.deepEqual(check('npm test -- src/cart.test.ts'), ['npm test -- src/cart.test.ts'], 'a different argument is a different command');
  assert.deepEqual(check('npm test -- <test-file>'), []);
  assert.deepEqual(check('git push origin main --tags --force'), ['git push origin main --tags --force'], 'a flag the sessions never used');
  assert.deepEqual(check('npm run lint'), ['npm run lint']);
  assert.deepEqual(check('cd app && npm version patch'), [], 'each part of a compound command is checked');
  assert.deepEqual(check('cd app && npm run lint'), ['cd app && npm run lint']);
  assert.deepEqual(check('cat CHANGELOG.md'), [], 'viewing a file the sessions read');
  assert.deepEqual(check('cat secrets.env'), ['cat secrets.env']);
});
