import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resolveHome } from '../../../src/core/home';
import { StoreTokenLedger } from '../../../src/core/llm/store-ledger';
import { StateStore } from '../../../src/core/store/database';
import type { InstallReport } from '../../../src/core/skills/install';
import type { SkillDetail } from '../../../webview/protocol';
import type { SourceSummary } from '../../../src/vscode/commands/sources';
import { FIXTURE } from '../fixtures/fixture-home';
import { api, closeAllEditors, run, SAMPLES, setSetting, tempDir, until, useFixture, useHome } from './helpers';
import { screenshot, test } from './runner';

test('Open Skill shows the detail of a skill: SKILL.md, provenance, trust, installs, canary', async () => {
  await useFixture();
  const bisect = await run<SkillDetail>('skillsmith.openSkill', { skill: 'git-bisect' });
  assert.equal(bisect.shown.kind, 'library');
  assert.match(bisect.skillMd, /^---\nname: git-bisect/);
  assert.equal(bisect.trust?.level, 'verified');
  assert.equal(bisect.trust?.successes, 12);
  assert.deepEqual(bisect.installs?.map((i) => [i.agent, i.scope, i.mode]), [['claude-code', 'user', 'link']]);
  assert.equal(bisect.canary, null);
  assert.equal(bisect.candidate?.baseVersion, bisect.shown.version);
  const canary = await run<SkillDetail>('skillsmith.openSkill', { skill: FIXTURE.canary });
  assert.equal(canary.canary?.status, 'running');
  assert.ok(canary.canary!.looks.length >= 2, 'the gate looked twice');
  assert.equal(canary.provenance.reduce((n, s) => n + s.atoms.length, 0), 5, 'five requests behind the distilled skill');
  const draft = await run<SkillDetail>('skillsmith.openSkill', { skill: FIXTURE.draft });
  assert.equal(draft.shown.kind, 'candidate', 'a draft has no library version: its candidate is shown');
  assert.equal(draft.group, 'drafts');
  const { detail } = await api();
  assert.equal(detail.shownDetail(FIXTURE.draft)?.name, FIXTURE.draft);
  await screenshot('skill-detail');
  assert.equal(await run('skillsmith.openSkill', { skill: 'no-such-skill' }), undefined, 'an unknown skill is a clear error, not a crash');
  await closeAllEditors();
});

test('Add Transcript Folder and Show Sources: the folder is read with the agents\' own stores', async () => {
  await useHome(tempDir('skillsmith-sources-'));
  await setSetting('transcriptFolders', undefined);
  const folders = await run<string[]>('skillsmith.addTranscriptFolder', SAMPLES);
  assert.deepEqual(folders, [SAMPLES]);
  assert.deepEqual(vscode.workspace.getConfiguration('skillsmith').get('transcriptFolders'), [SAMPLES]);
  assert.equal(await run('skillsmith.addTranscriptFolder', join(SAMPLES, 'nope')), undefined, 'a missing folder is refused');
  await setSetting('allWorkspaces', true);
  const sources = await run<SourceSummary[]>('skillsmith.showSources');
  const added = sources.find((s) => s.path === SAMPLES);
  assert.ok(added, 'the added folder is a source');
  assert.equal(added.exists, true);
  assert.equal(added.sessions, 0, 'nothing read yet');
  assert.ok(added.pending >= 8, `the sample sessions wait to be read (${added.pending})`);
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
});

test('Ingest Now reads the sessions in the worker and distills nothing', async () => {
  const home = tempDir('skillsmith-ingest-');
  await useHome(home);
  await setSetting('transcriptFolders', [SAMPLES]);
  await setSetting('allWorkspaces', true);
  const outcome = await run<{ result: { ingest: { new: number }; pipeline: { created: unknown[] } } }>('skillsmith.ingestNow');
  assert.equal(outcome.result.ingest.new, 12);
  assert.equal(outcome.result.pipeline.created.length, 0);
  const sources = await run<SourceSummary[]>('skillsmith.showSources');
  assert.equal(sources.find((s) => s.path === SAMPLES)?.sessions, 12);
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
});

test('Distill Now runs ingest and the pipeline in the worker on the sample sessions; the tree shows the drafts', async () => {
  const home = tempDir('skillsmith-distill-');
  await useHome(home);
  await setSetting('transcriptFolders', [SAMPLES]);
  await setSetting('allWorkspaces', true);
  await run('skillsmith.configureLlm', { provider: 'offline' });
  const { browser, status } = await api();
  const seen: string[] = [];
  const sub = (await api()).jobs.onDidChange((job) => job && seen.push(job.text));
  const outcome = await run<{ result: { pipeline: { created: Array<{ name: string }> } } }>('skillsmith.distillNow');
  sub.dispose();
  assert.deepEqual(outcome.result.pipeline.created.map((c) => c.name).sort(), ['add-migration-column', 'cut-patch-release', 'working-in-shop-api']);
  assert.ok(seen.some((t) => t.startsWith('reading sessions')) && seen.some((t) => t.startsWith('splitting sessions')), `progress was reported: ${seen.join(' | ')}`);
  await until('the drafts in the tree', () => browser.lastModel?.groups.find((g) => g.id === 'drafts')?.skills.length === 3);
  const again = await run<{ result: { pipeline: { commits: number } } }>('skillsmith.distillNow');
  assert.equal(again.result.pipeline.commits, 0, 'a second run over unchanged sessions commits nothing');
  assert.match(status.text, /Skillsmith/);
  await screenshot('after-distill');
});

test('a running job can be cancelled; what it finished is kept', async () => {
  const home = tempDir('skillsmith-cancel-');
  await useHome(home);
  await setSetting('transcriptFolders', [SAMPLES]);
  await setSetting('allWorkspaces', true);
  const { jobs } = await api();
  const sub = jobs.onDidChange((job) => {
    if (job?.text.startsWith('reading sessions')) void run('skillsmith.cancelRun');
  });
  const outcome = await run<{ cancelled: boolean; result?: { ingest: { cancelled: boolean } } }>('skillsmith.distillNow');
  sub.dispose();
  assert.equal(outcome.cancelled, true, 'the run stopped when asked');
  assert.equal(jobs.current, null);
  assert.equal(await run('skillsmith.cancelRun'), false, 'nothing left to cancel');
});

test('Configure Language Model stores the choice in settings and the key only in SecretStorage', async () => {
  const summary = await run<string>('skillsmith.configureLlm', { provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'test-model', apiKey: 'sk-test-not-a-real-key-123456' });
  assert.equal(summary, 'test-model at http://127.0.0.1:9/v1');
  const config = vscode.workspace.getConfiguration('skillsmith');
  assert.equal(config.get('llm.provider'), 'openai');
  assert.equal(config.get('llm.model'), 'test-model');
  const everywhere = JSON.stringify([config.inspect('llm'), config.inspect('llm.model'), config.inspect('llm.baseUrl')]);
  assert.doesNotMatch(everywhere, /sk-test-not-a-real-key/, 'the key is in no setting');
  assert.equal(await run('skillsmith.configureLlm', { provider: 'openai', baseUrl: 'ftp://x', model: 'm', apiKey: '' }), undefined, 'a bad URL is refused');
  assert.equal(config.get('llm.baseUrl'), 'http://127.0.0.1:9/v1', 'a refused choice changes nothing');
  assert.equal(await run<string>('skillsmith.configureLlm', { provider: 'offline' }), 'offline engine (no model, no tokens)');
});

test('Show Token Usage reports the ledger, and the status bar shows today\'s tokens', async () => {
  const home = tempDir('skillsmith-usage-');
  await useHome(home);
  const store = await StateStore.open(resolveHome(home).state);
  new StoreTokenLedger(store).record({ stage: 'write', model: 'test-model', inputTokens: 1200, outputTokens: 300, at: new Date() });
  await store.close();
  const uri = await run<vscode.Uri>('skillsmith.showTokenUsage');
  const doc = await vscode.workspace.openTextDocument(uri);
  await until('the report to show the new row', () => /\| write \| test-model \| 1200 \| 300 \| 1 \|/.test(doc.getText()));
  const { status } = await api();
  await status.loadTokens();
  assert.match(status.text, /1\.5k tokens today/);
  await closeAllEditors();
});

test('Install Skill installs into the chosen agent (user and project scope)', async () => {
  assert.ok(homedir().endsWith('scratch-user-home'), `the harness gives the tests a scratch HOME, never a real one (HOME=${homedir()})`);
  await useFixture();
  const user = await run<InstallReport>('skillsmith.installSkill', { skill: 'python-venv-setup', agents: ['claude-code'], scope: 'user' });
  const userPath = join(homedir(), '.claude', 'skills', 'python-venv-setup');
  assert.deepEqual(user.installed.map((i) => [i.agent, i.path, i.status]), [['claude-code', userPath, 'installed']]);
  assert.ok(lstatSync(userPath).isSymbolicLink(), 'Claude Code follows a linked skill folder');
  const ws = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  mkdirSync(ws, { recursive: true });
  const project = await run<InstallReport>('skillsmith.installSkill', { skill: 'python-venv-setup', agents: ['copilot'], scope: 'project' });
  assert.equal(project.installed[0]!.path, join(ws, '.github', 'skills', 'python-venv-setup'));
  assert.ok(existsSync(join(ws, '.github', 'skills', 'python-venv-setup', 'SKILL.md')));
  const detail = await run<SkillDetail>('skillsmith.openSkill', { skill: 'python-venv-setup' });
  assert.equal(detail.installs?.length, 2);
  assert.equal(await run('skillsmith.installSkill', { skill: FIXTURE.quarantined, agents: ['claude-code'], scope: 'user' }), undefined, 'a quarantined skill is not installed');
  await closeAllEditors();
});
