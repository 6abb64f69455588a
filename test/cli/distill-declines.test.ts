import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { startOpenAiServer } from '../support/openai-server';
import { scriptedModel, stageOf } from '../support/scripted-model';
import { spawnCli, tempDir, type CliRun } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');
/** A sample session of the "fix the failing tests" workflow, which the model writes a skill for. */
const FIX_TESTS = join(SAMPLES, 'claude-code/-home-dev-shop-api/6f1c2a10-0000-4000-8000-000000000001.jsonl');

/** The CLI beside the scripted server, with a model key and no provider of the machine's. */
function runCliAsync(args: string[], home: string): Promise<CliRun> {
  return spawnCli(args, { SKILLSMITH_HOME: home, SKILLSMITH_LLM_API_KEY: 'sk-cli-declines-0123456789', SKILLSMITH_LLM_PROVIDER: '' });
}

/** The sample session again under a new session id: a new session that joins a written skill's work. */
function copyAsNewSession(file: string, digit: string): string {
  const dir = tempDir('skillsmith-new-session-');
  const renamed = (s: string) => s.replace(/-8000-(0000000000\d\d)/g, `-${digit}000-$1`);
  mkdirSync(join(dir, 'project'));
  writeFileSync(join(dir, 'project', renamed(basename(file))), renamed(readFileSync(file, 'utf8')));
  return dir;
}

test('distill says how many groups the model declined, and on later runs how many it skipped as declined before', async (t) => {
  const server = await startOpenAiServer({ handler: scriptedModel({ declineWhen: /npm version/ }) });
  t.after(() => server.close());
  const home = tempDir();
  const model = ['--llm-base-url', server.baseUrl, '--llm-model', 'scripted'];

  const first = await runCliAsync(['distill', SAMPLES, ...model, '--json'], home);
  assert.equal(first.code, 0, first.stderr);
  const report = JSON.parse(first.stdout).pipeline;
  assert.deepEqual(report.created.map((c: { name: string }) => c.name).sort(), ['add-migration-column', 'fix-tests-fail']);
  assert.equal(report.declined, 1);
  assert.equal(report.skippedAsDeclined, 0);
  assert.match(first.stderr, /^skillsmith: the model declined a skill for 4 requests like .*: the requests are a prompt template, not a procedure$/m);

  const asked = server.requests.length;
  const second = await runCliAsync(['distill', SAMPLES, copyAsNewSession(FIX_TESTS, '9'), ...model], home);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /^ {2}1 group skipped: declined on an earlier run, no new session since$/m);
  assert.doesNotMatch(second.stdout, /declined as not a skill/);
  assert.deepEqual(server.requests.slice(asked).filter((r) => stageOf(r) === 'propose'), [], 'the declined group was not asked again');

  const third = await runCliAsync(['distill', SAMPLES, copyAsNewSession(FIX_TESTS, '7'), ...model, '--json'], home);
  assert.equal(third.code, 0, third.stderr);
  assert.equal(JSON.parse(third.stdout).pipeline.skippedAsDeclined, 1);
});
