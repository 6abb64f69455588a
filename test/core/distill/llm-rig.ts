import type { TestContext } from 'node:test';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LlmEngine } from '../../../src/core/distill/llm/llm-engine';
import { splitJobs } from '../../../src/core/distill/llm/plan-splits';
import { runPipeline, type PipelineReport } from '../../../src/core/distill/pipeline/run';
import { saveSession } from '../../../src/core/ingest/sessions';
import { DEFAULT_LIMITS, type LlmLimits } from '../../../src/core/llm/config';
import { createLlmClient } from '../../../src/core/llm/create-client';
import { StoreTokenLedger } from '../../../src/core/llm/store-ledger';
import { SkillLibrary } from '../../../src/core/skills/library/library';
import { StateStore } from '../../../src/core/store/database';
import type { Trajectory } from '../../../src/core/transcripts/model';
import { InstantClock } from '../../support/clocks';
import { startOpenAiServer, type Handler, type ScriptedServer } from '../../support/openai-server';
import { fixTests, agent, bash, edit, session, shell, user } from './builders';

export const API_KEY = 'sk-test-llm-engine-0123456789';

export interface LlmHome {
  dir: string;
  store: StateStore;
  library: SkillLibrary;
  server: ScriptedServer;
  ledger: StoreTokenLedger;
  /** Retry and rate-limit waits are recorded here instead of slept. */
  clock: InstantClock;
  /** One pipeline run with a fresh engine (so its problems are this run's). */
  run(): Promise<{ report: PipelineReport; engine: LlmEngine }>;
}

/** A temp home (real state file, real git library) and a scripted model behind a real HTTP server. */
export async function llmHome(t: TestContext, handler: Handler, limits: Partial<LlmLimits> = {}): Promise<LlmHome> {
  const dir = mkdtempSync(join(tmpdir(), 'skillsmith-llm-'));
  const server = await startOpenAiServer({ handler });
  const store = await StateStore.open(join(dir, 'state.db'));
  t.after(async () => {
    await server.close();
    await store.close();
  });
  const library = await SkillLibrary.open(join(dir, 'library'));
  const ledger = new StoreTokenLedger(store);
  const clock = new InstantClock();
  const config = { provider: 'openai' as const, baseUrl: server.baseUrl, model: 'scripted', apiKey: API_KEY, limits: { ...DEFAULT_LIMITS, ...limits }, maxOutputTokens: 1500 };
  return {
    dir,
    store,
    library,
    server,
    ledger,
    clock,
    async run() {
      const engine = new LlmEngine(createLlmClient(config, { ledger, clock }));
      // as distill() does: short sessions are split together before the pipeline asks for each
      await engine.planSplits(splitJobs(store));
      const report = await runPipeline({ store, library, engine });
      return { report, engine };
    },
  };
}

export function storeSessions(db: StateStore, sessions: Trajectory[]): void {
  for (const t of sessions) {
    const json = JSON.stringify(t);
    saveSession(db, t, `/sessions/${t.sessionId}.jsonl`, json, createHash('sha256').update(json).digest('hex'), new Date().toISOString());
  }
}

/** The "add a database migration" workflow as one request. */
export function migration(prompt: string, run = bash) {
  return [user(prompt), agent('Adding it.', run('ls migrations', '001_init.sql'), edit('/w/app/migrations/004_email.sql'), run('npm run migrate', 'applied'))];
}

/** Two workflows, three sessions each, two sessions with a second request. */
export function firstCorpus(): Trajectory[] {
  return [
    session('claude-code', 's1', [...fixTests('The unit tests for date parsing fail, please fix them'), user('Now explain what a closure is'), agent('A closure is…')]),
    session('claude-code', 's2', fixTests('npm test is failing after my change to the parser, fix the failing tests')),
    session('codex', 's3', fixTests('fix the failing tests in the billing module', shell)),
    session('claude-code', 's4', migration('Add a migration for the email column')),
    session('codex', 's5', migration('add a database migration adding a phone column to customers', shell)),
    session('claude-code', 's6', [...migration('Write a migration that adds the status column to orders'), user('Also update the README with the new column'), agent('ok', edit('/w/app/README.md'))]),
  ];
}

/** New sessions doing what an existing skill does, plus a step it does not name: evidence for a revision. */
export function secondCorpus(): Trajectory[] {
  const withCoverage = (prompt: string, run = bash) => [...fixTests(prompt, run), user('ok'), agent('Checked coverage too.', run('npm test -- --coverage', 'All files 91%'))];
  return [
    session('claude-code', 's7', withCoverage('the cart tests fail, fix the failing tests please')),
    session('codex', 's8', withCoverage('fix the failing tests in the orders module', shell)),
  ];
}

/** New sessions that only repeat what an existing skill already says. */
export function sameAgainCorpus(): Trajectory[] {
  return [
    session('claude-code', 's9', fixTests('the cart tests fail, fix the failing tests please')),
    session('codex', 's10', fixTests('fix the failing tests in the orders module', shell)),
  ];
}

/** Every SKILL.md in every commit of the library's repository, read with the real git binary. */
export function everyCommittedSkillMd(libraryDir: string): { commit: string; path: string; text: string }[] {
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-C', libraryDir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const out: { commit: string; path: string; text: string }[] = [];
  for (const commit of git('rev-list', '--all').split('\n').filter(Boolean)) {
    for (const path of git('ls-tree', '-r', '--name-only', commit).split('\n').filter((p) => p.endsWith('/SKILL.md'))) {
      out.push({ commit, path, text: git('show', `${commit}:${path}`) });
    }
  }
  return out;
}

export function commitCount(libraryDir: string): number {
  const r = spawnSync('git', ['-C', libraryDir, 'rev-list', '--all', '--count'], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : 0;
}

/** The candidate SKILL.md texts, by skill. */
export async function candidateTexts(library: SkillLibrary): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const c of await library.listCandidates()) out[c.name] = (await library.show(c.name, c.version.id)).files['SKILL.md'];
  return out;
}
