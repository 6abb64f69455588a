import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { LlmEngine } from '../../../../src/core/distill/llm/llm-engine';
import { HAND_EDIT_RULE } from '../../../../src/core/distill/llm/prompts';
import { splitTrajectory } from '../../../../src/core/distill/split/heuristic';
import { keepsUserText } from '../../../../src/core/evolve/hand-edits/user-version';
import { DEFAULT_LIMITS } from '../../../../src/core/llm/config';
import { createLlmClient } from '../../../../src/core/llm/create-client';
import { MemoryTokenLedger } from '../../../../src/core/llm/ledger';
import { InstantClock } from '../../../support/clocks';
import { reply, startOpenAiServer } from '../../../support/openai-server';
import { fixTests, session, shell } from '../../distill/builders';

const DESCRIPTION = 'Fix failing tests. Use when npm test fails.';
const USER_BODY = '# Fixing tests\n\nRun `npm test` first.\nNever skip a failing test.\n';
const skillMd = (engine: string) => `---\nname: fix-tests\ndescription: ${DESCRIPTION}\nmetadata:\n  skillsmith-engine: ${engine}\n---\n\n${USER_BODY}`;

const evidence = [
  ...splitTrajectory(session('claude-code', 's1', fixTests('the date tests fail, fix them'))),
  ...splitTrajectory(session('codex', 's2', fixTests('fix the failing billing tests', shell))),
];

async function engineAnswering(t: TestContext, body: string) {
  const systems: string[] = [];
  const server = await startOpenAiServer({
    handler: (req) => {
      systems.push(req.body.messages[0].content);
      return reply.json({ decision: 'revise', description: DESCRIPTION, body });
    },
  });
  t.after(() => server.close());
  const config = { provider: 'openai' as const, baseUrl: server.baseUrl, model: 'scripted', apiKey: 'sk-test-0123456789abcdef', limits: DEFAULT_LIMITS, maxOutputTokens: 1500 };
  return { engine: new LlmEngine(createLlmClient(config, { ledger: new MemoryTokenLedger(), clock: new InstantClock() })), systems };
}

test('a hand-edited version is revised only by additions: the prompt says so and a rewrite is refused', async (t) => {
  const rewrite = await engineAnswering(t, '# Fixing tests\n\nRun `npm test` and skip what fails.\n');
  const refused = await rewrite.engine.revise({ name: 'fix-tests', files: { 'SKILL.md': skillMd('user') } }, evidence);
  assert.equal(refused, undefined);
  assert.ok(rewrite.systems[0].includes(HAND_EDIT_RULE));
  assert.match(rewrite.engine.notices.join('\n'), /fix-tests: not revised, the model's version rewrote the user's own text/);

  const additive = await engineAnswering(t, `${USER_BODY}\n## Also seen\n\nRe-run \`npm test\` after the fix.\n`);
  const kept = await additive.engine.revise({ name: 'fix-tests', files: { 'SKILL.md': skillMd('user') } }, evidence);
  assert.ok(kept && !('unanswered' in kept), JSON.stringify(additive.engine.problems));
  assert.ok(kept.body.includes('Never skip a failing test.'));

  // a machine-written version gets the ordinary prompt and may be reworded
  const machine = await engineAnswering(t, '# Fixing tests\n\nRun `npm test` and fix what fails.\n');
  assert.ok(await machine.engine.revise({ name: 'fix-tests', files: { 'SKILL.md': skillMd('llm') } }, evidence));
  assert.ok(!machine.systems[0].includes(HAND_EDIT_RULE));
});

test('keepsUserText: every line of the user body, in order; additions between them are fine', () => {
  assert.equal(keepsUserText('a\n\nb\n', 'a\nnew\n  b  \nmore\n'), true);
  assert.equal(keepsUserText('a\nb\n', 'b\na\n'), false);
  assert.equal(keepsUserText('a\nb\n', 'a\nB\n'), false);
});
