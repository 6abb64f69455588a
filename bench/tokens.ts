/**
 * LLM input tokens per trajectory token: the model-backed engine over the sample sessions, against a
 * scripted OpenAI-compatible server (real HTTP, real client; its usage is characters / 4, the same
 * estimator the LLM layer uses), beside a model of what xskill's design would send for the same sessions.
 * Run: npm run bench -- tokens
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { LlmEngine } from '../src/core/distill/llm/llm-engine';
import { splitJobs } from '../src/core/distill/llm/plan-splits';
import { DEFAULT_PIPELINE_RULES, runPipeline } from '../src/core/distill/pipeline/run';
import { PipelineState } from '../src/core/distill/pipeline/state';
import { ingest, listSessions, loadTrajectory } from '../src/core/ingest';
import { DEFAULT_LIMITS } from '../src/core/llm/config';
import { createLlmClient } from '../src/core/llm/create-client';
import { MemoryTokenLedger } from '../src/core/llm/ledger';
import { estimateTokens } from '../src/core/llm/token-estimate';
import { SkillLibrary } from '../src/core/skills/library/library';
import { StateStore } from '../src/core/store/database';
import type { Atom } from '../src/core/distill/atoms/types';
import type { Trajectory, Turn } from '../src/core/transcripts/model';
import { startOpenAiServer } from '../test/support/openai-server';
import { scriptedModel } from '../test/support/scripted-model';
import { XSKILL_ASSUMPTIONS, xskillSpend, type XskillSession } from './xskill-cost-model';

const SAMPLES = resolve(__dirname, '../samples/sessions');
const STAGES = ['split', 'route', 'propose', 'revise'] as const;

/** The trajectory as full text: every turn's words and every tool call's input and output, nothing cut. */
function fullText(turns: readonly Turn[]): string {
  return turns
    .map((t) => [`${t.role}: ${t.text}`, ...t.toolCalls.map((c) => `${c.name} ${JSON.stringify(c.input)}\n${c.output ?? ''}`)].join('\n'))
    .join('\n');
}

function sessionFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? sessionFiles(p) : p.endsWith('.jsonl') ? [p] : [];
    })
    .sort((a, b) => sampleNumber(a) - sampleNumber(b));
}

/** Copies of the sample sessions under new session ids: new sessions doing what the first ones did. */
function againUnderNewIds(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'skillsmith-bench-again-'));
  files.forEach((file, i) => {
    const text = readFileSync(file, 'utf8').replace(/-8000-(0000000000\d\d)/g, '-9000-$1');
    const name = basename(file).replace(/-8000-(0000000000\d\d)/g, '-9000-$1');
    mkdirSync(join(dir, String(i)));
    writeFileSync(join(dir, String(i), name), text);
  });
  return dir;
}

/** The samples are numbered 1–8 in the order they happened (last digit of the session id). */
function sampleNumber(path: string): number {
  return Number(/(\d)\.jsonl$/.exec(path)?.[1] ?? 0);
}

interface ScenarioResult {
  trajectoryTokens: number;
  byStage: Record<string, { input: number; calls: number }>;
  input: number;
  sessions: XskillSession[];
  groups: number[][];
  routeCalls: { atoms: number; input: number }[];
}

async function scenario(batches: string[][]): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'skillsmith-bench-tokens-'));
  const server = await startOpenAiServer({ handler: scriptedModel() });
  const store = await StateStore.open(join(dir, 'state.db'));
  try {
    const library = await SkillLibrary.open(join(dir, 'library'));
    const ledger = new MemoryTokenLedger();
    const client = createLlmClient(
      { provider: 'openai', baseUrl: server.baseUrl, model: 'scripted', limits: { ...DEFAULT_LIMITS }, maxOutputTokens: 1500 },
      { ledger },
    );
    for (const files of batches) {
      await ingest(store, files, { allWorkspaces: true });
      const engine = new LlmEngine(client);
      await engine.planSplits(splitJobs(store));
      await runPipeline({ store, library, engine });
    }
    const byStage: ScenarioResult['byStage'] = {};
    for (const stage of STAGES) {
      const t = ledger.totals({ stage });
      byStage[stage] = { input: t.inputTokens, calls: t.calls };
    }
    const { sessions, groups, trajectoryTokens } = shapeOf(store);
    const routeCalls = server.requests
      .filter((r) => String(r.body?.messages?.[0]?.content ?? '').startsWith('You match requests'))
      .map((r) => ({ atoms: (String(r.body.messages[1].content).match(/^R\d+: /gm) ?? []).length, input: usageOf(r.body.messages) }));
    return { trajectoryTokens, byStage, input: ledger.totals().inputTokens, sessions, groups, routeCalls };
  } finally {
    await store.close();
    await server.close();
  }
}

function usageOf(messages: { content: string }[]): number {
  return Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
}

/** Per session its size and atoms (for the xskill model), and the skills' member atoms as flat indexes. */
function shapeOf(store: StateStore) {
  const state = new PipelineState(store);
  const sessions: XskillSession[] = [];
  const index = new Map<string, number>();
  let trajectoryTokens = 0;
  for (const s of listSessions(store)) {
    const t = loadTrajectory(store, s.key) as Trajectory;
    const tokens = estimateTokens(fullText(t.turns));
    trajectoryTokens += tokens;
    const atoms = store.all<{ data: string }>('SELECT data FROM atoms WHERE session_key = ? ORDER BY turn_start', [s.key]).map((r) => JSON.parse(r.data) as Atom);
    for (const a of atoms) index.set(a.id, index.size);
    sessions.push({ trajectoryTokens: tokens, userTurns: t.turns.filter((x) => x.role === 'user').length, atoms: atoms.map((a) => estimateTokens(fullText(t.turns.slice(a.turnStart, a.turnEnd)))) });
  }
  const skills = store.all<{ skill: string }>('SELECT DISTINCT skill FROM provenance ORDER BY skill').map((r) => r.skill);
  const groups = skills.map((skill) => [...new Set(state.provenance(skill).map((p) => index.get(p.atomId)!))].sort((a, b) => a - b));
  return { sessions, groups, trajectoryTokens };
}

function ratio(a: number, b: number): string {
  return b === 0 ? '-' : (a / b).toFixed(2);
}

function n(x: number): string {
  return x.toLocaleString('en-US');
}

function report(title: string, r: ScenarioResult): void {
  console.log(`\n${title}: ${r.sessions.length} sessions, ${r.sessions.reduce((k, s) => k + s.atoms.length, 0)} atoms, ${n(r.trajectoryTokens)} trajectory tokens`);
  const xs = xskillSpend(r.sessions, r.groups, 0);
  const ours: Record<string, number> = { split: r.byStage.split.input, route: r.byStage.route.input, write: r.byStage.propose.input + r.byStage.revise.input };
  const theirs: Record<string, number> = { split: xs.split, route: xs.route, write: xs.edit };
  console.log(`  ${'stage'.padEnd(7)} ${'skillsmith'.padStart(12)} ${'calls'.padStart(6)} ${'xskill model'.padStart(13)}`);
  for (const stage of ['split', 'route', 'write']) {
    const calls = stage === 'write' ? r.byStage.propose.calls + r.byStage.revise.calls : r.byStage[stage].calls;
    console.log(`  ${stage.padEnd(7)} ${n(ours[stage]).padStart(12)} ${String(calls).padStart(6)} ${n(theirs[stage]).padStart(13)}`);
  }
  console.log(`  ${'total'.padEnd(7)} ${n(r.input).padStart(12)} ${''.padStart(6)} ${n(xs.total).padStart(13)}`);
  console.log(`  input tokens per trajectory token: skillsmith ${ratio(r.input, r.trajectoryTokens)} (aim ≤ 1.5), xskill model ${ratio(xs.total, r.trajectoryTokens)}`);
  for (const size of [25, 1000]) {
    const big = xskillSpend(r.sessions, r.groups, size);
    console.log(`  with a library of ${n(size)} skills the xskill model sends ${n(big.total)} (${ratio(big.total, r.trajectoryTokens)} per trajectory token); skillsmith's routing does not grow with the library (at most ${DEFAULT_PIPELINE_RULES.routeK} shortlisted candidates per atom)`);
  }
  for (const c of r.routeCalls) console.log(`  a routing call: ${c.atoms} atoms, ${n(c.input)} input tokens (${n(Math.round(c.input / Math.max(1, c.atoms)))} per atom)`);
}

export async function run(): Promise<void> {
  const files = sessionFiles(SAMPLES);
  report('all sample sessions in one run', await scenario([files]));
  report('the samples, then the same eight workflows again as new sessions (they are routed; they add nothing the skills do not say, so no revision call)', await scenario([files, [againUnderNewIds(files)]]));
  const shared = resolve(__dirname, '../../shared/transcripts');
  if (existsSync(shared)) report('the public transcripts in ../shared/transcripts (real sessions of several agents)', await scenario([[shared]]));
  else console.log('\n(../shared/transcripts is absent: the real-session scenario is skipped)');
  console.log('\n  trajectory tokens: the normalized sessions as full text (every turn, every tool input and output), characters / 4');
  console.log('  xskill model assumptions (from shared/notes/xskill-design.md §1.3, §1.5, §1.7, §8.3):');
  for (const [k, v] of Object.entries(XSKILL_ASSUMPTIONS)) console.log(`    ${k} = ${n(v)}`);
  console.log('    the same atoms and skills as skillsmith found; every atom routed against the library as it grows (one new skill per group);');
  console.log('    one edit per skill written; description optimisation (up to 400 calls per commit) and UX scoring left out');
}

if (require.main === module) void run();
