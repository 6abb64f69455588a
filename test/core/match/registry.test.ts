import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '../../../src/core/llm/config';
import { GuardedLlmClient } from '../../../src/core/llm/guarded-client';
import { MemoryTokenLedger } from '../../../src/core/llm/ledger';
import { OpenAiChatTransport, OpenAiEmbeddingTransport } from '../../../src/core/llm/openai-transport';
import { systemClock } from '../../../src/core/llm/clock';
import { StoreEmbeddingCache } from '../../../src/core/match/embeddings/cache';
import { CachedEmbedder, llmEmbeddings } from '../../../src/core/match/embeddings/embedder';
import { hashSkillFolder } from '../../../src/core/match/registry/content-hash';
import { SkillRegistry, type RegistryChange } from '../../../src/core/match/registry/registry';
import { folderRoot, libraryRoot } from '../../../src/core/match/registry/roots';
import { SkillSearch } from '../../../src/core/match/search';
import { TrustStore } from '../../../src/core/match/trust/trust-store';
import { SkillLibrary } from '../../../src/core/skills/library/library';
import { StateStore } from '../../../src/core/store/database';
import { ngramEmbeddings } from '../../support/ngram-embedding';
import { startOpenAiServer } from '../../support/openai-server';
import { tempDir } from '../skills/library/helpers';

function writeSkill(root: string, name: string, description: string, body = '# Steps\n\nDo it.\n', extra: Record<string, string> = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'SKILL.md'), `---\nname: ${name}\ndescription: ${description}\n---\n\n${body}`);
  for (const [path, text] of Object.entries(extra)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('the content hash covers every file of the folder, not only SKILL.md', async () => {
  const root = tempDir('skillsmith-hash-');
  const dir = writeSkill(root, 'deploy-app', 'Deploy the app. Use when shipping.', undefined, { 'scripts/deploy.sh': 'helm upgrade\n', 'references/values.md': 'a\n' });
  const before = await hashSkillFolder(dir);
  writeFileSync(join(dir, 'scripts', 'deploy.sh'), 'helm upgrade --atomic\n');
  const script = await hashSkillFolder(dir);
  assert.notEqual(script, before);
  chmodSync(join(dir, 'scripts', 'deploy.sh'), 0o755);
  const mode = await hashSkillFolder(dir);
  assert.notEqual(mode, script, 'the executable bit counts');
  writeFileSync(join(dir, 'references', 'values.md'), 'a\n');
  assert.equal(await hashSkillFolder(dir), mode, 'same content, same hash');
});

test('roots in order: the first root\'s copy of a name wins; a removed one reveals the next; problems are reported, not fatal', async () => {
  const first = tempDir('skillsmith-roots-');
  const second = tempDir('skillsmith-roots-');
  writeSkill(first, 'deploy-app', 'Deploy with helm. Use when shipping.');
  writeSkill(second, 'deploy-app', 'Deploy with kubectl. Use when shipping.');
  writeSkill(second, 'write-readme', 'Write a README. Use for new repositories.');
  mkdirSync(join(second, 'broken'));
  writeFileSync(join(second, 'broken', 'SKILL.md'), 'no frontmatter here');
  mkdirSync(join(second, 'not-a-skill'));
  const registry = await SkillRegistry.load([
    { dir: first, label: 'first' },
    { dir: second, label: 'second' },
    { dir: join(second, 'missing'), label: 'missing' },
  ]);
  assert.deepEqual(registry.all().map((s) => [s.name, s.source]), [['deploy-app', 'first'], ['write-readme', 'second']]);
  assert.equal(registry.problems.length, 1);
  assert.match(registry.problems[0], /broken\/SKILL\.md: no YAML frontmatter/);
  const changes: RegistryChange[] = [];
  registry.onChange((c) => changes.push(c));
  rmSync(join(first, 'deploy-app'), { recursive: true });
  await registry.reload(first, 'deploy-app');
  assert.equal(registry.get('deploy-app')?.source, 'second');
  assert.equal(changes.length, 1);
  assert.equal(changes[0].type, 'upsert');
});

test('versions: the library\'s commit id, an installed copy\'s marker, else the content hash', async () => {
  const home = tempDir('skillsmith-versions-');
  const library = await SkillLibrary.open(join(home, 'library'));
  const incoming = writeSkill(join(home, 'in'), 'deploy-app', 'Deploy with helm. Use when shipping.');
  const committed = await library.add(incoming);
  const agents = join(home, 'agents');
  writeSkill(agents, 'installed-copy', 'A copy. Use when testing.', '# Steps\n').toString();
  writeFileSync(join(agents, 'installed-copy', 'SKILL.md'), '---\nname: installed-copy\ndescription: A copy. Use when testing.\nmetadata:\n  skillsmith-version: 0123abcd0123abcd0123abcd0123abcd0123abcd\n---\n\n# Steps\n');
  writeSkill(agents, 'hand-made', 'Made by hand. Use when testing.');
  const registry = await SkillRegistry.load([libraryRoot(library), { dir: agents, label: 'agent' }]);
  assert.equal(registry.get('deploy-app')?.version, committed.id);
  assert.equal(registry.get('installed-copy')?.version, '0123abcd0123abcd0123abcd0123abcd0123abcd');
  assert.match(registry.get('hand-made')!.version, /^sha256:[0-9a-f]{12}$/);
  assert.equal(registry.get('hand-made')!.hash.slice(0, 12), registry.get('hand-made')!.version.slice(7));
});

test('any folder of skills, at any depth, can be a root without importing it', async () => {
  const repo = tempDir('skillsmith-folder-');
  writeSkill(join(repo, 'skills'), 'deploy-app', 'Deploy with helm. Use when shipping.');
  writeSkill(join(repo, 'skills', 'nested'), 'write-readme', 'Write a README. Use for new repositories.');
  writeFileSync(join(repo, 'README.md'), '# not a skill\n');
  const registry = await SkillRegistry.load(await folderRoot(repo));
  assert.deepEqual(registry.all().map((s) => s.name), ['deploy-app', 'write-readme']);
});

async function embeddingRig(t: { after: (fn: () => Promise<void> | void) => void }) {
  const server = await startOpenAiServer({ handler: ngramEmbeddings });
  t.after(() => server.close());
  const client = new GuardedLlmClient(
    new OpenAiChatTransport({ baseUrl: server.baseUrl, model: 'unused' }, 5000, systemClock),
    { limits: DEFAULT_LIMITS, maxOutputTokens: 100, ledger: new MemoryTokenLedger() },
    new OpenAiEmbeddingTransport({ baseUrl: server.baseUrl, model: 'ngram' }, 5000, systemClock),
  );
  const embedded = () => server.requestsTo('embeddings').flatMap((r) => r.body.input as string[]);
  return { server, provider: llmEmbeddings(client, 'ngram')!, embedded };
}

test('hot reload: one changed skill is re-read, re-indexed and re-embedded alone; a new one is added; a deleted one goes', async (t) => {
  const root = tempDir('skillsmith-watch-');
  const names = ['deploy-app', 'write-readme', 'clean-csv', 'rotate-secrets'];
  for (const n of names) writeSkill(root, n, `Handles ${n.replace(/-/g, ' ')}. Use when asked to ${n.replace(/-/g, ' ')}.`);
  const { provider, embedded } = await embeddingRig(t);
  const store = await StateStore.open(join(tempDir('skillsmith-watch-state-'), 'state.db'));
  t.after(() => store.close());
  const registry = await SkillRegistry.load([{ dir: root, label: 'folder' }]);
  const search = await SkillSearch.open({ registry, embedder: new CachedEmbedder(provider, new StoreEmbeddingCache(store)), trust: new TrustStore(store) });
  t.after(() => {
    search.close();
    registry.close();
  });
  assert.equal(embedded().length, 4, 'every skill embedded once at open');
  const changes: RegistryChange[] = [];
  registry.onChange((c) => changes.push(c));
  registry.watch({ debounceMs: 50 });

  writeSkill(root, 'clean-csv', 'Clean a spreadsheet export with pandas. Use when imported data is messy.');
  await waitFor(() => changes.length >= 1);
  await search.settled();
  assert.deepEqual(changes.map((c) => (c.type === 'upsert' ? c.skill.name : c.name)), ['clean-csv']);
  assert.equal(embedded().length, 5, 'only the changed skill was embedded again');
  assert.equal((await search.match('clean the spreadsheet export with pandas')).matches[0].skill, 'clean-csv');
  assert.equal(embedded().length, 6, 'the query is embedded too (never cached)');

  const deployHash = registry.get('deploy-app')!.hash;
  writeFileSync(join(root, 'deploy-app', 'notes.md'), 'a reference file\n');
  await waitFor(() => changes.length >= 2);
  await search.settled();
  assert.equal(embedded().length, 6, 'a new reference file changes the hash, not the embedded text: no new embedding');
  assert.equal(changes.length, 2);
  const second = changes[1];
  assert.ok(second.type === 'upsert' && second.skill.name === 'deploy-app' && second.skill.hash !== deployHash);
  assert.deepEqual(second.skill.files, ['notes.md']);

  writeSkill(root, 'cut-release', 'Bump the version and tag the release. Use when shipping a version.');
  rmSync(join(root, 'rotate-secrets'), { recursive: true });
  await waitFor(() => changes.length >= 4);
  await search.settled();
  assert.deepEqual(registry.all().map((s) => s.name), ['clean-csv', 'cut-release', 'deploy-app', 'write-readme']);
  assert.equal(search.matcher.size, 4);
  assert.equal(embedded().length, 7, 'only the new skill');
});

test('embeddings are cached in the state store by content: a second process embeds nothing it has seen', async (t) => {
  const root = tempDir('skillsmith-cache-');
  for (const n of ['deploy-app', 'write-readme']) writeSkill(root, n, `Handles ${n}. Use when asked.`);
  const { provider, embedded } = await embeddingRig(t);
  const path = join(tempDir('skillsmith-cache-state-'), 'state.db');
  for (let run = 0; run < 2; run++) {
    const store = await StateStore.open(path);
    const registry = await SkillRegistry.load([{ dir: root, label: 'folder' }]);
    const search = await SkillSearch.open({ registry, embedder: new CachedEmbedder(provider, new StoreEmbeddingCache(store)) });
    assert.equal(search.matcher.vectorCount, 2);
    search.close();
    await store.close();
  }
  assert.equal(embedded().length, 2, 'the second open found both vectors in the store');
});

test('an unreachable embeddings endpoint falls back to BM25 with a notice', async (t) => {
  const root = tempDir('skillsmith-fallback-');
  writeSkill(root, 'deploy-app', 'Deploy the app with helm. Use when shipping.');
  const { server, provider } = await embeddingRig(t);
  server.setHandler(() => ({ type: 'error', status: 400, message: 'no such model' }));
  const registry = await SkillRegistry.load([{ dir: root, label: 'folder' }]);
  const search = await SkillSearch.open({ registry, embedder: new CachedEmbedder(provider) });
  assert.equal(search.fused, false);
  assert.match(search.notices[0], /^embeddings unavailable, matching with BM25 alone: /);
  const r = await search.match('deploy the app with helm');
  assert.equal(r.mode, 'bm25');
  assert.equal(r.matches[0].skill, 'deploy-app');
});

test('matches carry trust; blocked skills are never returned', async (t) => {
  const root = tempDir('skillsmith-trusted-');
  writeSkill(root, 'deploy-app', 'Deploy the app with helm. Use when shipping.');
  writeSkill(root, 'deploy-docs', 'Deploy the docs site with helm. Use when shipping docs.');
  const store = await StateStore.open(join(tempDir('skillsmith-trusted-state-'), 'state.db'));
  t.after(() => store.close());
  const registry = await SkillRegistry.load([{ dir: root, label: 'folder' }]);
  const trust = new TrustStore(store);
  const search = await SkillSearch.open({ registry, trust });
  const app = registry.get('deploy-app')!;
  for (let i = 0; i < 3; i++) trust.recordOutcome({ skill: 'deploy-app', version: app.version }, 'success', 'judge', { sessionKey: `s${i}` });
  const r = await search.match('deploy with helm');
  const m = r.matches.find((x) => x.skill === 'deploy-app')!;
  assert.deepEqual([m.trust?.level, m.trust?.successes], ['verified', 3]);
  assert.ok(m.reasons.includes('trust verified (3/3 succeeded)'));
  trust.setLevel({ skill: 'deploy-app', version: app.version }, 'blocked', 'broke production');
  const after = await search.match('deploy with helm');
  assert.deepEqual(after.matches.map((x) => x.skill), ['deploy-docs']);
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the watcher');
    await new Promise((r) => setTimeout(r, 20));
  }
}
