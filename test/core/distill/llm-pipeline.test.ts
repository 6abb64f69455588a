import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { commandsInMarkdown } from '../../../src/core/distill/llm/commands';
import { PROPOSE_SYSTEM, REVISE_SYSTEM, ROUTE_SYSTEM, SPLIT_SYSTEM } from '../../../src/core/distill/llm/prompts';
import { PipelineState } from '../../../src/core/distill/pipeline/state';
import { findSecrets } from '../../../src/core/redact';
import { parseSkillMd } from '../../../src/core/skills/skillmd/parse';
import { validateSkillText } from '../../../src/core/skills/skillmd/validate';
import { reply, type RecordedRequest } from '../../support/openai-server';
import { scriptedModel, stageOf, withFaults } from '../../support/scripted-model';
import { API_KEY, candidateTexts, commitCount, everyCommittedSkillMd, firstCorpus, llmHome, sameAgainCorpus, secondCorpus, storeSessions, type LlmHome } from './llm-rig';

function assertEveryCommitValid(home: LlmHome): number {
  const all = everyCommittedSkillMd(join(home.dir, 'library'));
  for (const { commit, path, text } of all) {
    const folder = path.split('/').slice(-2)[0];
    const report = validateSkillText(text, folder, `${commit.slice(0, 7)}:${path}`);
    assert.deepEqual(report.errors, [], `${commit.slice(0, 7)}:${path} is not valid`);
    assert.deepEqual(findSecrets(text), [], `${commit.slice(0, 7)}:${path} holds a secret`);
  }
  return all.length;
}

/** The ledger stage a request is billed under: repairs count for the stage they repair. */
function billedStage(r: RecordedRequest): string {
  const system: string = r.body.messages[0].content;
  for (const [stage, prompt] of [['split', SPLIT_SYSTEM], ['route', ROUTE_SYSTEM], ['propose', PROPOSE_SYSTEM], ['revise', REVISE_SYSTEM]] as const) {
    if (system.startsWith(prompt)) return stage;
  }
  return 'unknown';
}

/** Two runs (new skills, then a revision from new sessions) and a third over unchanged sessions. */
async function threeRuns(home: LlmHome) {
  storeSessions(home.store, firstCorpus());
  const first = await home.run();
  const afterFirst = home.server.requests.length;
  storeSessions(home.store, secondCorpus());
  const second = await home.run();
  const afterSecond = home.server.requests.length;
  const commits = commitCount(join(home.dir, 'library'));
  const third = await home.run();
  return { first, second, third, afterFirst, afterSecond, commits };
}

test('a full run: the model splits, writes two skills, routes new sessions and revises; a rerun makes no request and no commit', async (t) => {
  const home = await llmHome(t, scriptedModel());
  const { first, second, third, afterFirst, afterSecond, commits } = await threeRuns(home);

  assert.deepEqual(first.report.problems, []);
  assert.deepEqual(first.engine.problems, []);
  assert.equal(first.report.engine, 'llm');
  assert.equal(first.report.created.length, 2, JSON.stringify(first.report));
  const firstStages = home.server.requests.slice(0, afterFirst).map(stageOf);
  assert.deepEqual(firstStages, ['split', 'propose'], 'the two sessions with two requests share a split call, the two groups a write call; no route call with an empty library');
  assert.match(home.server.requests[1].body.messages[1].content, /^G1: [\s\S]*\n\nG2: /);
  assert.match(home.server.requests[0].body.messages[1].content, /^S1: claude-code session, whole\. [\s\S]*\n\nS2: claude-code session, whole\. /);

  const drafts = await candidateTexts(home.library);
  for (const [name, text] of Object.entries(drafts)) {
    const parsed = parseSkillMd(text, name);
    const metadata = (parsed.data as { metadata: Record<string, string> }).metadata;
    assert.equal(metadata['skillsmith-engine'], 'llm');
    assert.equal(metadata['skillsmith-model'], 'openai:scripted');
    assert.match(String(parsed.data.description), /Use when/);
    for (const c of commandsInMarkdown(parsed.body)) assert.match(c, /^(npm test|npm test -- --coverage|ls migrations|npm run migrate)$/, `${name} names ${c}`);
  }
  const state = new PipelineState(home.store);
  const s1 = state.atomsById(['claude-code:s1#0', 'claude-code:s1#2']);
  assert.equal(s1.length, 2, 'the session with two requests became two atoms');
  assert.match(s1[0].summary, /^Handled: /, 'worded by the model');

  const secondStages = home.server.requests.slice(afterFirst, afterSecond).map(stageOf);
  assert.deepEqual(secondStages, ['split', 'route', 'revise'], 'both new sessions in one split call, both atoms in one routing batch');
  const routed = home.server.requests[afterFirst + 1].body.messages[1].content as string;
  assert.equal((routed.match(/^R\d+: /gm) ?? []).length, 2, 'both new atoms in one batch');
  assert.equal(second.report.updated.length, 1, JSON.stringify(second.report));
  const revised = (await candidateTexts(home.library))[second.report.updated[0].name];
  assert.match(revised, /## Also seen[\s\S]*`npm test -- --coverage`/);
  const asked = home.server.requests[afterSecond - 1].body.messages[1].content as string;
  assert.match(asked, /^New in the evidence: commands the skill does not name: `npm test -- --coverage`\.$/m);

  assert.equal(home.server.requests.length, afterSecond, 'the rerun sent nothing');
  assert.equal(third.report.commits, 0);
  assert.equal(commitCount(join(home.dir, 'library')), commits);
  assert.ok(assertEveryCommitValid(home) >= 3);
  for (const r of home.server.requests) assert.equal(r.headers.authorization, `Bearer ${API_KEY}`);
});

test('the ledger records every call under its stage, with the tokens the server reported', async (t) => {
  const home = await llmHome(t, scriptedModel());
  await threeRuns(home);
  const expected = new Map<string, { input: number; calls: number }>();
  for (const r of home.server.requests) {
    const stage = billedStage(r);
    const chars = (r.body.messages as { content: string }[]).reduce((n, m) => n + m.content.length, 0);
    const e = expected.get(stage) ?? { input: 0, calls: 0 };
    e.input += Math.ceil(chars / 4);
    e.calls++;
    expected.set(stage, e);
  }
  assert.deepEqual([...expected.keys()].sort(), ['propose', 'revise', 'route', 'split']);
  for (const [stage, e] of expected) {
    const got = home.ledger.totals({ stage });
    assert.equal(got.inputTokens, e.input, stage);
    assert.equal(got.calls, e.calls, stage);
    assert.ok(got.outputTokens > 0, stage);
  }
  assert.deepEqual(home.ledger.rows().map((r) => r.model), ['scripted', 'scripted', 'scripted', 'scripted']);
});

test('429 with Retry-After, a 500, a timeout and malformed JSON: the run finishes with the same library, every commit valid', async (t) => {
  const clean = await llmHome(t, scriptedModel());
  await threeRuns(clean);
  const expected = await candidateTexts(clean.library);

  const faults = {
    1: reply.rateLimited({ retryAfter: '1' }),
    3: reply.serverError(500),
    5: reply.hang(),
    7: reply.text('{"decision": "revise", "description": '),
  };
  const home = await llmHome(t, withFaults(scriptedModel(), faults), { timeoutMs: 400 });
  const { first, second, third, afterSecond } = await threeRuns(home);
  for (const run of [first, second, third]) assert.deepEqual(run.report.problems, []);
  assert.deepEqual(await candidateTexts(home.library), expected);
  assert.equal(home.server.requests.length, afterSecond, 'the rerun sent nothing');
  // each fault cost exactly one more request of the stage it hit, nothing else
  const cleanStages = clean.server.requests.map(stageOf);
  const hit = cleanStages.slice(0, 4);
  assert.ok(new Set(hit).size >= 3, `the faults hit several stages: ${hit.join(', ')}`);
  assert.deepEqual(home.server.requests.map(stageOf), [...hit.flatMap((s) => [s, s]), ...cleanStages.slice(4)]);
  assert.ok(home.clock.sleeps.some((ms) => ms >= 1000), `the Retry-After of 1 s was honoured: ${home.clock.sleeps.join(', ')}`);
  assertEveryCommitValid(home);
});

test('an endpoint that stays down stops the run with the reason; nothing half-made is committed and the next run resumes', async (t) => {
  const clean = await llmHome(t, scriptedModel());
  storeSessions(clean.store, firstCorpus());
  await clean.run();
  const expected = await candidateTexts(clean.library);

  const model = scriptedModel();
  let down = true;
  const home = await llmHome(t, (req, endpoint) => (down && stageOf(req) === 'propose' ? reply.serverError(502, 'bad gateway') : model(req, endpoint)), { maxRetries: 2 });
  storeSessions(home.store, firstCorpus());
  const before = commitCount(join(home.dir, 'library'));
  await assert.rejects(home.run(), /LLM call "propose" \(model scripted at http:\/\/127\.0\.0\.1:\d+\/v1\) failed after 3 attempts: .*502/);
  assert.equal(commitCount(join(home.dir, 'library')), before);
  const splitCalls = home.server.requests.filter((r) => stageOf(r) === 'split').length;

  down = false;
  const { report } = await home.run();
  assert.equal(report.created.length, 2);
  assert.equal(home.server.requests.filter((r) => stageOf(r) === 'split').length, splitCalls, 'the split was kept, not redone');
  assert.deepEqual(await candidateTexts(home.library), expected);
  assertEveryCommitValid(home);
});

test('a draft naming a command no session ran is repaired in one round', async (t) => {
  const home = await llmHome(t, scriptedModel({ inventCommand: 'npm run lint -- --fix' }));
  storeSessions(home.store, firstCorpus());
  const { report } = await home.run();
  assert.deepEqual(report.problems, []);
  assert.equal(report.created.length, 2);
  const stages = home.server.requests.map(stageOf);
  assert.deepEqual(stages, ['split', 'propose', 'repair', 'repair'], 'one write call for both groups, one repair round per draft');
  const repair = home.server.requests[2].body.messages[1].content as string;
  assert.doesNotMatch(repair, /^G2: /m, 'a repair carries only its own group');
  assert.match(repair, /it names commands the sessions never ran: `npm run lint -- --fix`/);
  for (const text of Object.values(await candidateTexts(home.library))) assert.doesNotMatch(text, /npm run lint/);
  assertEveryCommitValid(home);
});

test('a model that keeps the invented command gets its drafts refused: nothing written, the problem names skill and command', async (t) => {
  const home = await llmHome(t, scriptedModel({ inventCommand: 'docker compose down -v', stubborn: true }));
  storeSessions(home.store, firstCorpus());
  const before = commitCount(join(home.dir, 'library'));
  const { report, engine } = await home.run();
  assert.equal(report.created.length, 0);
  assert.equal(report.commits, 0);
  assert.equal(commitCount(join(home.dir, 'library')), before);
  assert.deepEqual(await home.library.listCandidates(), []);
  assert.equal(engine.problems.length, 2);
  for (const p of engine.problems) {
    assert.match(p, /^skill [a-z0-9-]+: the model's draft was refused after one repair round, nothing written: it names commands the sessions never ran: `docker compose down -v`$/);
  }
  const sent = home.server.requests.length;
  await home.run();
  assert.equal(home.server.requests.length, sent, 'a rerun over the same sessions asks nothing again');
});

test('a revision that invents a command is refused and the candidate stays as it was', async (t) => {
  const home = await llmHome(t, scriptedModel());
  storeSessions(home.store, firstCorpus());
  await home.run();
  const before = await candidateTexts(home.library);
  home.server.setHandler(scriptedModel({ inventCommand: 'rm -rf node_modules', stubborn: true }));
  storeSessions(home.store, secondCorpus());
  const { report, engine } = await home.run();
  assert.deepEqual(report.updated, []);
  assert.equal(engine.problems.length, 1);
  assert.match(engine.problems[0], /the model's revision was refused after one repair round, nothing written: it names commands the sessions never ran: `rm -rf node_modules`/);
  assert.deepEqual(await candidateTexts(home.library), before);
  assertEveryCommitValid(home);
});

test('a group the model declines is not written and is reported as a notice', async (t) => {
  const home = await llmHome(t, scriptedModel({ declineWhen: /migration/ }));
  storeSessions(home.store, firstCorpus());
  const { report, engine } = await home.run();
  assert.equal(report.created.length, 1);
  assert.equal(engine.notices.length, 1);
  assert.match(engine.notices[0], /^the model declined a skill for 3 requests like ".*migration.*": the requests are a prompt template, not a procedure$/i);
});

test('new sessions that only repeat what a skill says are evidence, but cost no revision call', async (t) => {
  const home = await llmHome(t, scriptedModel());
  storeSessions(home.store, firstCorpus());
  await home.run();
  const before = home.server.requests.length;
  storeSessions(home.store, sameAgainCorpus());
  const { report } = await home.run();
  assert.deepEqual(home.server.requests.slice(before).map(stageOf), ['route'], 'routed, then kept without asking');
  assert.deepEqual(report.updated, []);
  const evidence = new PipelineState(home.store).pendingEvidence();
  assert.equal([...evidence.values()].flat().length, 0, 'the evidence was consumed as "kept"');
});
