import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CandidateSkill } from '../../../src/core/distill/engine';
import { LlmEngine } from '../../../src/core/distill/llm/llm-engine';
import { splitTrajectory } from '../../../src/core/distill/split/heuristic';
import { DEFAULT_LIMITS } from '../../../src/core/llm/config';
import { createLlmClient } from '../../../src/core/llm/create-client';
import { MemoryTokenLedger } from '../../../src/core/llm/ledger';
import { InstantClock } from '../../support/clocks';
import { reply, startOpenAiServer } from '../../support/openai-server';
import { scriptedModel, stageOf, userMessage } from '../../support/scripted-model';
import { fixTests, session, shell } from './builders';
import { firstCorpus, llmHome, secondCorpus, storeSessions } from './llm-rig';

const atoms = [
  ...splitTrajectory(session('claude-code', 'a', fixTests('fix the failing date tests'))),
  ...splitTrajectory(session('codex', 'b', fixTests('the billing tests fail'))),
  ...splitTrajectory(session('codex', 'c', fixTests('tests fail again'))),
];

function candidate(name: string, description: string): CandidateSkill {
  return { name, description, score: 0.5 };
}

test('each atom goes with only its own candidates; a name from another list, or none, is no skill', async (t) => {
  const server = await startOpenAiServer();
  t.after(() => server.close());
  const client = createLlmClient(
    { provider: 'openai', baseUrl: server.baseUrl, model: 'm', limits: { ...DEFAULT_LIMITS }, maxOutputTokens: 500 },
    { ledger: new MemoryTokenLedger(), clock: new InstantClock() },
  );
  const engine = new LlmEngine(client);
  server.enqueue(
    reply.json({
      routes: [
        { request: 'R1', skill: 'fix-failing-tests', weight: 1.7 },
        { request: 'R2', skill: 'fix-failing-tests', weight: 0.9 },
        { request: 'R9', skill: 'deploy', weight: 1 },
      ],
    }),
  );
  const long = 'Fixes failing unit tests by running them, reading the failure and editing the code. '.repeat(10);
  const routings = await engine.route([
    { atom: atoms[0], candidates: [candidate('fix-failing-tests', long), candidate('write-docs', 'Writes docs.')] },
    { atom: atoms[1], candidates: [candidate('billing-report', 'Billing reports.')] },
    { atom: atoms[2], candidates: [candidate('fix-failing-tests', 'Fixes tests.')] },
  ]);
  assert.deepEqual(routings, [
    { atomId: atoms[0].id, skill: 'fix-failing-tests', weight: 1 },
    { atomId: atoms[1].id, weight: 0 },
    { atomId: atoms[2].id, weight: 0 },
  ]);
  const sent = userMessage(server.requests[0]);
  const blocks = sent.split('\n\n');
  assert.equal(blocks.length, 3);
  assert.match(blocks[0], /^R1: fix the failing date tests \| steps: \$ npm test {2}✗ .* \| success\n {2}- fix-failing-tests: Fixes failing.{100,}…\n {2}- write-docs: Writes docs\.$/);
  assert.doesNotMatch(blocks[0], /.{300}/, 'descriptions are trimmed');
  assert.match(blocks[1], /^R2: .*\n {2}- billing-report: Billing reports\.$/, 'R2 sees only its own candidate');
});

test('in the pipeline, a routing prompt holds at most K shortlisted candidates per atom, never the catalog', async (t) => {
  const home = await llmHome(t, scriptedModel());
  storeSessions(home.store, firstCorpus());
  await home.run();
  const seed = async (name: string, description: string) => {
    const dir = join(home.dir, 'skills', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'SKILL.md'), `---\nname: ${name}\ndescription: ${description}\n---\n# ${name}\n`);
    await home.library.add(dir, `seed ${name}`);
  };
  for (const topic of ['kubernetes', 'terraform', 'graphql', 'latex']) await seed(`${topic}-chores`, `Handles ${topic} chores. Use when asked about ${topic}.`);
  for (const area of ['cart', 'orders', 'billing', 'date', 'parser', 'auth', 'search', 'email', 'export', 'import']) {
    await seed(`fix-${area}-tests`, `Fixes the failing ${area} tests. Use when the ${area} tests fail.`);
  }
  assert.equal((await home.library.list()).length, 14);

  const before = home.server.requests.length;
  storeSessions(home.store, secondCorpus());
  await home.run();
  const route = home.server.requests.slice(before).filter((r) => stageOf(r) === 'route');
  assert.equal(route.length, 1);
  const blocks = userMessage(route[0]).split('\n\n');
  assert.equal(blocks.length, 2);
  for (const b of blocks) {
    const listed = b.split('\n').slice(1);
    assert.ok(listed.length >= 2 && listed.length <= 8, `${listed.length} candidates listed:\n${b}`);
  }
  assert.doesNotMatch(userMessage(route[0]), /kubernetes|terraform|graphql|latex/, 'skills retrieval did not shortlist never reach the prompt');
});

test('an atom is routed once: later runs route only the atoms that are new, also when a routed session grows', async (t) => {
  const home = await llmHome(t, scriptedModel());
  storeSessions(home.store, firstCorpus());
  await home.run();
  const routedBlocks = async () => {
    const before = home.server.requests.length;
    const { report } = await home.run();
    const blocks = home.server.requests.slice(before).filter((r) => stageOf(r) === 'route').flatMap((r) => userMessage(r).split('\n\n'));
    return { report, blocks: blocks.map((b) => b.split('\n')[0]) };
  };
  storeSessions(home.store, secondCorpus());
  const second = await routedBlocks();
  assert.equal(second.blocks.length, 2, second.blocks.join('\n'));
  assert.equal(second.report.atomsRouted, 2);

  storeSessions(home.store, [session('codex', 's30', fixTests('the search tests fail, fix the failing tests', shell))]);
  const third = await routedBlocks();
  assert.equal(third.blocks.length, 1, third.blocks.join('\n'));
  assert.match(third.blocks[0], /search tests/);
  assert.equal(third.report.atomsRouted, 1);

  // s7 grows by a second request: its first atom is the same slice of the session and keeps its routing
  const [s7] = secondCorpus();
  storeSessions(home.store, [{ ...s7, turns: [...s7.turns, ...fixTests('now the checkout tests fail as well, fix the failing tests')] }]);
  const fourth = await routedBlocks();
  assert.equal(fourth.report.sessionsSplit, 1);
  assert.equal(fourth.blocks.length, 1, fourth.blocks.join('\n'));
  assert.match(fourth.blocks[0], /checkout tests/);
  assert.equal(fourth.report.atomsRouted, 1);
});
