import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { StateStore } from '../../src/core/store/database';
import { reply, startOpenAiServer, type ScriptedReply } from '../support/openai-server';
import { scriptedModel, stageOf } from '../support/scripted-model';
import { scratchDir } from '../support/scratch';
import { runCli, spawnCli, type CliRun } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');

/** The CLI beside the scripted server, with a model key and no provider of the machine's. */
function runCliAsync(args: string[], home: string): Promise<CliRun> {
  return spawnCli(args, { SKILLSMITH_HOME: home, SKILLSMITH_LLM_API_KEY: 'sk-cli-bad-replies-0123456789', SKILLSMITH_LLM_PROVIDER: '' });
}

async function stages(home: string): Promise<string[]> {
  const store = await StateStore.open(join(home, 'state.db'), { readOnly: true });
  try {
    return store.all<{ stage: string }>('SELECT stage FROM distill_sessions ORDER BY session_key').map((r) => r.stage);
  } finally {
    await store.close();
  }
}

function candidates(home: string): string[] {
  return (JSON.parse(runCli(['library', 'candidates', '--json'], { home }).stdout) as { name: string }[]).map((c) => c.name).sort();
}

test('unusable model replies when writing fail the run, leave the sessions waiting, and a later healthy run writes them', async (t) => {
  let bad: (() => ScriptedReply) | undefined;
  const healthy = scriptedModel();
  const server = await startOpenAiServer({ handler: (req, endpoint) => (bad && stageOf(req) === 'propose' ? bad() : healthy(req, endpoint)) });
  t.after(() => server.close());
  const home = scratchDir('skillsmith-bad-replies-');
  const model = ['--llm-base-url', server.baseUrl, '--llm-model', 'scripted'];

  bad = () => reply.text('{"skills": [ this is not JSON');
  const garbage = await runCliAsync(['distill', SAMPLES, ...model, '--json'], home);
  assert.equal(garbage.code, 1, `garbage JSON: ${garbage.stderr}`);
  assert.match(garbage.stderr, /propose call for skill [a-z-]+: .*unusable.*nothing written/);
  assert.deepEqual(JSON.parse(garbage.stdout).pipeline.created, []);
  assert.deepEqual(candidates(home), []);
  // a session none of whose requests joined a group is rightly settled; every other one waits
  const afterGarbage = new Map((await stagesByKey(home)).map((r) => [r.session_key, r.stage]));

  // usage as a provider that stopped at the requested limit would report it: this is about the reply, not the budget
  bad = () => reply.text('x'.repeat(20 * 1024 * 1024), { usage: { prompt_tokens: 500, completion_tokens: 1000 } });
  const huge = await runCliAsync(['distill', SAMPLES, ...model], home);
  assert.equal(huge.code, 1, `a 20 MB reply: ${huge.stderr}`);
  assert.match(huge.stderr, /propose call for skill [a-z-]+: /);
  assert.deepEqual(candidates(home), []);

  bad = undefined;
  const fine = await runCliAsync(['distill', SAMPLES, ...model, '--json'], home);
  assert.equal(fine.code, 0, fine.stderr);
  assert.deepEqual(JSON.parse(fine.stdout).pipeline.created.map((c: { name: string }) => c.name).sort(), ['add-migration-column', 'cut-release-patch', 'fix-tests-fail']);
  assert.deepEqual(candidates(home), ['add-migration-column', 'cut-release-patch', 'fix-tests-fail']);
  assert.ok((await stages(home)).every((s) => s === 'written'));
  // the sessions the drafts were written from were all still waiting after the unusable replies
  const sources = await provenanceSessions(home);
  assert.ok(sources.length >= 6, sources.join(', '));
  assert.deepEqual(sources.filter((k) => afterGarbage.get(k) === 'written'), [], 'no session a draft came from was marked written when nothing was committed');
});

async function provenanceSessions(home: string): Promise<string[]> {
  const store = await StateStore.open(join(home, 'state.db'), { readOnly: true });
  try {
    return store.all<{ session_key: string }>('SELECT DISTINCT session_key FROM provenance ORDER BY session_key').map((r) => r.session_key);
  } finally {
    await store.close();
  }
}
async function stagesByKey(home: string) {
  const store = await StateStore.open(join(home, 'state.db'), { readOnly: true });
  try {
    return store.all<{ session_key: string; stage: string }>('SELECT session_key, stage FROM distill_sessions ORDER BY session_key');
  } finally {
    await store.close();
  }
}
