import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startOpenAiServer } from '../support/openai-server';
import { scriptedModel } from '../support/scripted-model';
import { CLI, runCli, tempDir, type CliRun } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');
const KEY = 'sk-cli-usage-secret-0123456789abcdef';

/** The CLI in a child process without blocking this one: the scripted server must keep answering. */
function runCliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

function llmEnv(home: string): NodeJS.ProcessEnv {
  return { SKILLSMITH_HOME: home, SKILLSMITH_LLM_API_KEY: KEY, SKILLSMITH_LLM_BASE_URL: '', SKILLSMITH_LLM_MODEL: '', SKILLSMITH_LLM_PROVIDER: '' };
}

test('distill with a model prints what it spent; usage shows the ledger per day, stage and model; the key is never printed', async (t) => {
  const server = await startOpenAiServer({ handler: scriptedModel() });
  t.after(() => server.close());
  const home = tempDir();
  const env = llmEnv(home);

  const run = await runCliAsync(['--verbose', 'distill', SAMPLES, '--llm-base-url', server.baseUrl, '--llm-model', 'scripted', '--json'], env);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.equal(report.pipeline.engine, 'llm');
  assert.ok(report.pipeline.created.length >= 2, run.stdout);
  assert.equal(report.tokens.calls, server.requests.length);
  assert.ok(report.tokens.input > 0 && report.tokens.output > 0);
  assert.ok(server.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`), 'the key reached the worker');
  assert.match(run.stderr, /^\[debug\] worker job: distill .*sessions \(openai scripted, API key set\)$/m, 'the job is logged without its key');
  assert.doesNotMatch(run.stdout + run.stderr, new RegExp(KEY));

  const usage = runCli(['usage', '--json'], { home });
  assert.equal(usage.code, 0, usage.stderr);
  const ledger = JSON.parse(usage.stdout);
  assert.deepEqual(ledger.totals, { inputTokens: report.tokens.input, outputTokens: report.tokens.output, calls: report.tokens.calls });
  assert.deepEqual(ledger.byStage.map((s: { stage: string }) => s.stage), ['propose', 'split']);
  const today = new Date().toISOString().slice(0, 10);
  for (const row of ledger.rows) {
    assert.equal(row.day, today);
    assert.equal(row.model, 'scripted');
  }
  const stageRows = report.tokens.byStage.map((s: { stage: string; inputTokens: number; calls: number }) => [s.stage, s.inputTokens, s.calls]);
  assert.deepEqual(ledger.rows.map((r: { stage: string; inputTokens: number; calls: number }) => [r.stage, r.inputTokens, r.calls]), stageRows);

  const human = runCli(['usage'], { home });
  assert.match(human.stdout, /^day +stage +model +input +output +calls$/m);
  assert.match(human.stdout, new RegExp(`^${today}  split +scripted +[\\d,]+ +[\\d,]+ +\\d+$`, 'm'));
  assert.match(human.stdout, /^total: [\d,]+ in, [\d,]+ out, \d+ calls$/m);

  // the second run over the same sessions spends nothing, and says so
  const again = await runCliAsync(['distill', SAMPLES, '--llm-base-url', server.baseUrl, '--llm-model', 'scripted'], env);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^tokens spent: 0 \(llm engine\)$/m);
  assert.equal(JSON.parse(runCli(['usage', '--json'], { home }).stdout).totals.calls, report.tokens.calls);
});

test('the model can come from the environment; --offline overrides it and spends nothing', async (t) => {
  const server = await startOpenAiServer({ handler: scriptedModel() });
  t.after(() => server.close());
  const home = tempDir();
  const env = { ...llmEnv(home), SKILLSMITH_LLM_BASE_URL: server.baseUrl, SKILLSMITH_LLM_MODEL: 'scripted' };
  const offline = await runCliAsync(['distill', SAMPLES, '--offline'], env);
  assert.equal(offline.code, 0, offline.stderr);
  assert.match(offline.stdout, /tokens spent: 0 \(offline engine\)/);
  assert.equal(server.requests.length, 0);

  const withModel = await runCliAsync(['distill', SAMPLES, '--all-workspaces'], { ...env, SKILLSMITH_HOME: tempDir() });
  assert.equal(withModel.code, 0, withModel.stderr);
  assert.match(withModel.stdout, /^tokens spent: [\d,]+ in, [\d,]+ out in \d+ calls \(llm engine\)$/m);
  assert.match(withModel.stdout, /^ {2}split +[\d,]+ in +[\d,]+ out +\d+ calls {2}scripted$/m);
  assert.ok(server.requests.length > 0);
});

test('usage with no spend, with filters, and with a bad day', () => {
  const home = tempDir();
  const empty = runCli(['usage'], { home });
  assert.equal(empty.code, 0, empty.stderr);
  assert.match(empty.stdout, /no tokens spent yet/);
  assert.deepEqual(JSON.parse(runCli(['usage', '--json', '--from', '2025-01-01', '--stage', 'split'], { home }).stdout).filter, { from: '2025-01-01', stage: 'split' });
  const bad = runCli(['usage', '--from', 'yesterday'], { home });
  assert.equal(bad.code, 2, 'a bad option value is a usage error');
  assert.equal(bad.stderr.trim(), 'skillsmith: --from: not a day: "yesterday" (write it as YYYY-MM-DD)');
});

test('an LLM setting that cannot work is a one-line error before anything runs', () => {
  const home = tempDir();
  const r = runCli(['distill', SAMPLES, '--llm-base-url', 'http://127.0.0.1:9/v1'], { home, env: { SKILLSMITH_LLM_MODEL: '', SKILLSMITH_LLM_API_KEY: '' } });
  assert.equal(r.code, 1);
  assert.match(r.stderr.trim(), /^skillsmith: .*no model is set for the OpenAI-compatible endpoint \(set a model name, e\.g\. --llm-model\)$/);
});
