import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evalJson } from '../../../src/core/eval/format';
import { runEval, splitByStart } from '../../../src/core/eval/run';
import { SkillsmithError } from '../../../src/core/errors';
import { DEFAULT_LIMITS } from '../../../src/core/llm/config';
import { startOpenAiServer } from '../../support/openai-server';
import { scriptedModel } from '../../support/scripted-model';
import { scratchDir } from '../../support/scratch';
import { writeClaudeSession } from './session-files';

test('sessions are split by start time: the earlier share rounded down, at least one on each side, undated left out', () => {
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
  const ten = Array.from({ length: 10 }, (_, i) => ({ key: `s${9 - i}`, startedAt: at(9 - i) }));
  const { earlier, later, undated } = splitByStart([...ten, { key: 'undated' }], 0.7);
  assert.deepEqual(earlier.map((s) => s.key), ['s0', 's1', 's2', 's3', 's4', 's5', 's6']);
  assert.deepEqual(later.map((s) => s.key), ['s7', 's8', 's9']);
  assert.equal(undated, 1);
  assert.equal(splitByStart(ten, 0.99).later.length, 1);
  assert.equal(splitByStart(ten.slice(0, 2), 0.1).earlier.length, 1);
  // the same start time: the key orders them, so the cut is the same every run
  const tied = [{ key: 'b', startedAt: at(1) }, { key: 'a', startedAt: at(1) }, { key: 'c', startedAt: at(2) }];
  assert.deepEqual(splitByStart(tied, 0.9).earlier.map((s) => s.key), ['a', 'b']);
  assert.deepEqual(splitByStart([{ key: 'x', startedAt: at(0) }], 0.7).later, []);
});

test('the cut never falls between sessions that start at the same time: none of the later ones would be later', () => {
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
  const tied = [{ key: 'b', startedAt: at(1) }, { key: 'a', startedAt: at(1) }, { key: 'c', startedAt: at(2) }];
  // 0.5 of three asks for one earlier; a and b share their start, so both go earlier
  assert.deepEqual(splitByStart(tied, 0.5).earlier.map((s) => s.key), ['a', 'b']);
  assert.deepEqual(splitByStart(tied, 0.5).later.map((s) => s.key), ['c']);
  // the nearest boundary in time, on either side of the asked-for cut
  const day = [at(0), at(1), at(1), at(1), at(1), at(2)].map((startedAt, i) => ({ key: `s${i}`, startedAt }));
  assert.deepEqual(splitByStart(day, 0.3).earlier.map((s) => s.key), ['s0']);
  assert.deepEqual(splitByStart(day, 0.7).earlier.map((s) => s.key), ['s0', 's1', 's2', 's3', 's4']);
  // all at one moment: there is nothing later to judge
  const same = ['x', 'y', 'z'].map((key) => ({ key, startedAt: at(0) }));
  assert.deepEqual([splitByStart(same, 0.5).earlier.length, splitByStart(same, 0.5).later.length], [3, 0]);
});

/** Four sessions a day apart: three about the tests, one release; the last one is judged. */
function history(): string {
  const dir = scratchDir('skillsmith-eval-history-');
  const tests = (prompt: string) => ({ prompt, runs: [{ command: 'go test ./...', failed: true }, { command: 'cd api && go test ./... && mise run lint' }] });
  writeClaudeSession(dir, 's1', '2026-01-01T10:00:00.000Z', [tests('fix the failing parser tests'), { prompt: 'write the release notes for 1.2', runs: [{ command: 'git log --oneline v1.1..' }] }]);
  writeClaudeSession(dir, 's2', '2026-01-02T10:00:00.000Z', [tests('the parser tests fail again, fix them')]);
  writeClaudeSession(dir, 's3', '2026-01-03T10:00:00.000Z', [tests('fix the lexer tests that fail'), { prompt: 'explain how the lexer works', runs: [{ command: 'ls internal' }] }]);
  writeClaudeSession(dir, 's4', '2026-01-04T10:00:00.000Z', [
    { prompt: 'the lexer tests fail, please fix', runs: [{ command: 'go test ./lexer', failed: true }, { command: 'go vet ./...' }, { command: 'go test ./lexer' }] },
    { prompt: 'explain the architecture to me', runs: [] },
  ]);
  return dir;
}

test('eval reads the sessions, distills the earlier ones in a scratch home and judges the later requests against both baselines', async () => {
  const dir = history();
  const keep = join(scratchDir('skillsmith-eval-keep-'), 'kept');
  const report = await runEval({ paths: [dir], workspace: dir, allWorkspaces: true, k: 3, split: 0.75, keepDir: keep });
  assert.deepEqual(report.split, { fraction: 0.75, sessions: 4, earlier: 3, later: 1, undated: 0, boundary: report.split.boundary });
  assert.match(report.split.boundary!, /^2026-01-04T10:00:30/);
  // "explain how the lexer works" ran only ls, which is not a command
  assert.deepEqual(report.earlierRequests, { total: 5, withCommands: 4 });
  assert.deepEqual(report.laterRequests, { total: 2, withCommands: 1, withFailures: 1 });
  assert.deepEqual(report.requests.map((r) => [r.succeeded, r.failed]), [[['go test', 'go vet'], ['go test']], [[], []]]);
  // the baselines do not depend on the engine: raw reuse takes the three earlier test requests, the
  // playbook the budget's most frequent commands (go test and mise run lint in 3 requests, git log in 1)
  const first = report.requests[0];
  assert.equal(first.reused.length, 3);
  assert.deepEqual(first.scores.rawReuse, { covered: true, recall: 0.5, precision: 0.5, f1: 0.5, foresight: 1 });
  assert.deepEqual(report.playbook.slice(0, 3), ['go test', 'mise run lint', 'git log']);
  // the skills' scores follow from what they name, whatever the engine wrote
  const named = new Set(first.named);
  assert.equal(first.scores.skills.covered, first.skills.length > 0);
  if (first.skills.length > 0) assert.equal(first.scores.skills.recall, ['go test', 'go vet'].filter((h) => named.has(h)).length / 2);
  assert.equal(report.tokens.calls, 0);
  assert.deepEqual(readdirSync(keep).sort(), ['home', 'sessions.db']);
  assert.ok(existsSync(join(keep, 'home', 'library', '.git')));
});

test('two offline runs on the same sessions give byte-identical JSON', async () => {
  const dir = history();
  const run = async () => JSON.stringify(evalJson(await runEval({ paths: [dir], workspace: dir, allWorkspaces: true })));
  assert.equal(await run(), await run());
});

test('a history too short to split, a share out of range or a used folder to keep is refused with a clear error', async () => {
  const dir = scratchDir('skillsmith-eval-one-');
  writeClaudeSession(dir, 'only', '2026-01-01T10:00:00.000Z', [{ prompt: 'fix the tests', runs: [{ command: 'npm test' }] }]);
  await assert.rejects(runEval({ paths: [dir], workspace: dir, allWorkspaces: true }), (e: unknown) => e instanceof SkillsmithError && /at least two dated sessions/.test(e.message));
  await assert.rejects(runEval({ paths: [dir], workspace: dir, allWorkspaces: true, split: 1 }), /between 0 and 1/);
  await assert.rejects(runEval({ paths: [dir], workspace: dir, allWorkspaces: true, keepDir: dir }), /is not empty/);
});

test('with a model engine, eval says what the distillation spent, call for call, and judges the same requests', async (t) => {
  const server = await startOpenAiServer({ handler: scriptedModel() });
  t.after(() => server.close());
  const dir = history();
  const llm = { provider: 'openai' as const, baseUrl: server.baseUrl, model: 'scripted', apiKey: 'sk-test-eval-0123456789', limits: DEFAULT_LIMITS, maxOutputTokens: 1500 };
  const report = await runEval({ paths: [dir], workspace: dir, allWorkspaces: true, split: 0.75, llm });
  const chats = server.requestsTo('chat').length;
  assert.ok(chats > 0, 'the model distilled');
  assert.equal(report.tokens.calls, chats);
  assert.ok(report.tokens.inputTokens > 0 && report.tokens.outputTokens > 0);
  const offline = await runEval({ paths: [dir], workspace: dir, allWorkspaces: true, split: 0.75 });
  assert.deepEqual(report.requests.map((r) => [r.id, r.succeeded, r.failed]), offline.requests.map((r) => [r.id, r.succeeded, r.failed]), 'the answer key does not depend on the engine');
  assert.deepEqual(report.methods.rawReuse, offline.methods.rawReuse);
});
