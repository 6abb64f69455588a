import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writePlantedCorpus, survivors, spellings } from '../support/planted-corpus';
import { startOpenAiServer } from '../support/openai-server';
import { scriptedModel } from '../support/scripted-model';
import { spawnCli, tempDir, type CliRun } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples/sessions');

/** The CLI beside the scripted server, with a model key and no provider of the machine's. */
function cli(args: string[], home: string, user: string): Promise<CliRun> {
  return spawnCli(args, { SKILLSMITH_HOME: home, HOME: user, USERPROFILE: user, SKILLSMITH_LLM_API_KEY: 'sk-planted-test-0123456789', SKILLSMITH_LLM_PROVIDER: '' });
}

/** Every file under `dir` (links not followed), as bytes read as latin1. */
function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    const info = lstatSync(p);
    if (info.isSymbolicLink()) return [];
    return info.isDirectory() ? allFiles(p) : [readFileSync(p).toString('latin1')];
  });
}

/** Every object of the library's repository, decompressed (loose and packed alike). */
function gitObjects(repo: string): string {
  const r = spawnSync('git', ['-C', repo, 'cat-file', '--batch-all-objects', '--batch'], { maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr.toString());
  return r.stdout.toString('latin1');
}

async function acceptAndInstall(home: string, user: string): Promise<string[]> {
  const candidates = JSON.parse((await cli(['library', 'candidates', '--json'], home, user)).stdout) as Array<{ name: string }>;
  const installed: string[] = [];
  for (const { name } of candidates) {
    const accepted = await cli(['library', 'accept', name], home, user);
    assert.equal(accepted.code, 0, accepted.stderr);
    const install = await cli(['install', name, '--agent', 'all'], home, user);
    assert.equal(install.code, 0, install.stderr);
    installed.push(name);
  }
  return installed;
}

test('planted secrets: 60+ of 25+ kinds in every place a session holds text, through ingest, both engines, the library and install: none survives anywhere', { skip: spawnSync('git', ['--version']).status === 0 ? false : 'no git binary' }, async (t) => {
  const root = tempDir('skillsmith-planted-');
  const corpus = writePlantedCorpus(SAMPLES, join(root, 'sessions'));
  assert.ok(corpus.secrets.length >= 60, `${corpus.secrets.length} secrets`);
  assert.ok(corpus.kinds >= 25, `${corpus.kinds} kinds`);
  assert.deepEqual([...corpus.places].sort(), ['command', 'file-content', 'file-path', 'output', 'prompt', 'workdir']);
  // the corpus does hold them all (the encoded ones by their traces): the checks below look at real content
  const raw = allFiles(corpus.dir).join('\n');
  for (const s of corpus.secrets) {
    const look = s.traces.length > 0 ? s.traces : [s.value];
    assert.ok(look.every((x) => spellings(x).some((v) => raw.includes(v))), `${s.kind} was planted`);
  }

  // a model that writes a secret of its own into its first draft (the repair request carries it back)
  const leaked = ['ghp_', 'M0dElLeAk3d7oKeN4x9Qw2Er6Ty8Ui1Op5As3D'].join('');
  const secrets = [...corpus.secrets, { kind: 'model-leak', value: leaked, traces: [] }];
  const server = await startOpenAiServer({ handler: scriptedModel({ inventCommand: `GITHUB_TOKEN=${leaked} gh release create` }) });
  t.after(() => server.close());

  // one user home per Skillsmith home: both install skills of the same names
  const user = join(root, 'user-offline');
  const userModel = join(root, 'user-model');
  mkdirSync(user);
  mkdirSync(userModel);
  const offline = join(root, 'home-offline');
  const online = join(root, 'home-model');
  const first = await cli(['distill', corpus.dir, '--offline', '--json'], offline, user);
  assert.equal(first.code, 0, first.stderr);
  assert.ok(JSON.parse(first.stdout).pipeline.created.length > 0, 'the offline engine wrote drafts');
  const second = await cli(['distill', corpus.dir, '--llm-base-url', server.baseUrl, '--llm-model', 'scripted', '--json'], online, userModel);
  assert.equal(second.code, 0, second.stderr);
  assert.ok(JSON.parse(second.stdout).pipeline.created.length > 0, 'the model-backed engine wrote drafts');

  const installed = [...(await acceptAndInstall(offline, user)), ...(await acceptAndInstall(online, userModel))];
  assert.ok(installed.length > 0);

  // library add of a folder holding planted secrets is refused and stores nothing
  const folder = join(root, 'src', 'deploy-notes');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'SKILL.md'), `---\nname: deploy-notes\ndescription: How we deploy. Use when deploying.\n---\n\n${secrets.slice(0, 10).map((s) => `- ${s.kind}: ${s.value}`).join('\n')}\n`);
  const add = await cli(['library', 'add', folder], offline, user);
  assert.equal(add.code, 1, add.stdout);
  assert.deepEqual(survivors(secrets, add.stderr + add.stdout), [], 'the refusal names no secret');

  const places: Array<[string, string]> = [
    ['state.db (offline)', readFileSync(join(offline, 'state.db')).toString('latin1')],
    ['state.db (model)', readFileSync(join(online, 'state.db')).toString('latin1')],
    ['git objects (offline)', gitObjects(join(offline, 'library'))],
    ['git objects (model)', gitObjects(join(online, 'library'))],
    ['request bodies', server.requests.map((r) => JSON.stringify(r.body)).join('\n')],
    ['installed files', [...allFiles(user), ...allFiles(userModel), ...allFiles(join(offline, 'installed')), ...allFiles(join(online, 'installed'))].join('\n')],
    ['CLI output', [first, second].map((r) => r.stdout + r.stderr).join('\n')],
  ];
  for (const [where, haystack] of places) {
    assert.ok(haystack.length > 0, `${where} holds something`);
    assert.deepEqual(survivors(secrets, haystack), [], `survived in ${where}`);
  }
  assert.ok(places[0]![1].includes('[REDACTED:'), 'the stored sessions hold the placeholders');
  assert.ok(server.requests.length > 0 && places[4]![1].includes('[REDACTED:'), 'the model saw the placeholders');
  assert.ok(places[5]![1].includes('SKILL.md') || places[5]![1].length > 1000, 'skills were installed');
});
