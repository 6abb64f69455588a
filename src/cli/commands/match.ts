import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { SkillsmithError } from '../../core/errors';
import { DEFAULT_MIN_FIT, describeFit, type FitDecision } from '../../core/match/fit';
import type { SearchMatch, SearchResult } from '../../core/match/search';
import { draftMessage } from '../../core/skills/library/messages';
import { DRAFT_SOURCE } from '../drafts-root';
import { EXIT, type CliContext } from '../context';
import { action } from '../program';
import { addCatalogOptions, openCatalog, type CatalogOptions } from '../skill-catalog';
import { parseScore, parsePositiveInt } from '../number-options';

interface MatchOptions extends CatalogOptions {
  k?: string;
  minFit?: string;
  minScore?: string;
  batch?: string;
  json?: boolean;
}

export function registerMatch(program: Command): void {
  addCatalogOptions(
    program
      .command('match')
      .description('the skills that fit a request, best first, with scores on a 0..1 scale and why; nothing when no skill fits')
      .argument('[query]', 'the request, as a user would type it')
      .option('--k <n>', 'at most this many skills', '5')
      .option('--min-fit <x>', `a skill covering less of the request than this does not fit (0..1; default ${DEFAULT_MIN_FIT})`)
      .option('--min-score <x>', 'decide with a fixed cutoff on the score instead of the fit (0..1; how match decided before)')
      .option('--batch <file>', 'match every line of FILE (one query a line) in one process, printing one JSON line each')
      .option('--json', 'print the result as JSON'),
  ).action(action<MatchOptions>(matchCommand));
}

async function matchCommand(ctx: CliContext, [query]: string[], opts: MatchOptions): Promise<number> {
  if (!query?.trim() && !opts.batch) throw new SkillsmithError('give a query, or --batch FILE', 'match');
  if (query?.trim() && opts.batch) throw new SkillsmithError('give a query or --batch FILE, not both', 'match');
  const k = parsePositiveInt(opts.k ?? '5', '--k');
  const minScore = opts.minScore === undefined ? undefined : parseScore(opts.minScore, '--min-score');
  const minFit = opts.minFit === undefined ? undefined : parseScore(opts.minFit, '--min-fit');
  if (minScore !== undefined && minFit !== undefined) throw new SkillsmithError('give --min-fit or --min-score, not both', 'match');
  const queries = opts.batch ? await batchQueries(opts.batch) : [query!];
  // drafts are matched beside the skills (same index, same scale) and reported apart: they cannot be used yet
  const catalog = await openCatalog(ctx, opts, {}, { drafts: true });
  const draftCount = catalog.search.registry.all().filter((s) => s.source === DRAFT_SOURCE).length;
  const matchWithDrafts = async (q: string) => splitDrafts(await catalog.search.match(q, { k: k + draftCount, minFit, minScore }), k);
  try {
    if (opts.batch) {
      for (const q of queries) ctx.out(JSON.stringify(toJson(await matchWithDrafts(q))));
      return EXIT.ok;
    }
    const result = await matchWithDrafts(queries[0]);
    for (const n of result.notices) ctx.err(`skillsmith: ${n}`);
    ctx.out(ctx.json ? JSON.stringify(toJson(result), null, 2) : formatResult(result, catalog.search.matcher.size - draftCount));
    return EXIT.ok;
  } finally {
    await catalog.close();
  }
}

async function batchQueries(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new SkillsmithError(e.code === 'ENOENT' ? 'no such file' : `cannot read it: ${e.message}`, file);
  });
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
}

/** A result whose draft matches are set apart: `matches` holds only skills that can be used. */
export interface ResultWithDrafts extends SearchResult {
  drafts: SearchMatch[];
}

function splitDrafts(r: SearchResult, k: number): ResultWithDrafts {
  const usable = r.matches.filter((m) => m.source !== DRAFT_SOURCE);
  const drafts = r.matches.filter((m) => m.source === DRAFT_SOURCE);
  const reason = usable.length === 0 && r.matches.length > 0 ? 'no skill fits' : r.reason;
  const { reason: _dropped, ...rest } = r;
  return { ...rest, matches: usable.slice(0, k), ambiguous: r.ambiguous && usable.length >= 2, ...(reason ? { reason } : {}), drafts };
}

/** The JSON shape: the matches as `{skill, version, score, reasons, …}`, and the reason when none fits. */
export function toJson(r: SearchResult & { drafts?: SearchMatch[] }) {
  return {
    query: r.query,
    mode: r.mode,
    matches: r.matches.map(matchJson),
    ambiguous: r.ambiguous,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.decision ? { decision: decisionJson(r.decision) } : {}),
    ...(r.notices.length ? { notices: r.notices } : {}),
    ...(r.drafts?.length ? { drafts: r.drafts.map((d) => ({ ...matchJson(d), message: draftMessage(d.skill) })) } : {}),
  };
}

function decisionJson(d: FitDecision) {
  return { ...d, best: round(d.best), margin: round(d.margin), coverage: round(d.coverage), fit: round(d.fit), reason: describeFit(d) };
}

function matchJson(m: SearchMatch) {
  return {
    skill: m.skill,
    version: m.version,
    score: round(m.score),
    reasons: m.reasons,
    bm25: round(m.bm25),
    ...(m.cosine !== undefined ? { cosine: round(m.cosine) } : {}),
    ...(m.fit !== undefined ? { fit: round(m.fit) } : {}),
    ...(m.coverage !== undefined ? { coverage: round(m.coverage) } : {}),
    source: m.source,
    ...(m.trust ? { trust: { ...m.trust, mean: round(m.trust.mean), lower: round(m.trust.lower) } } : {}),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function formatResult(r: ResultWithDrafts, skills: number): string {
  const drafts = r.drafts.map((d) => `draft: ${draftMessage(d.skill)} (it would fit: ${d.score.toFixed(2)})`);
  if (r.matches.length === 0) return [`${r.reason ?? 'no skill fits'} (${skills} skills, ${r.mode === 'fused' ? 'BM25 + embeddings' : 'BM25'})`, ...drafts].join('\n');
  const lines = r.matches.map((m, i) => {
    const head = `${i + 1}. ${m.skill}  ${m.score.toFixed(2)}  ${shortVersion(m.version)}${m.trust ? `  ${m.trust.level}` : ''}  [${m.source}]`;
    return [head, ...m.reasons.map((x) => `     ${x}`)].join('\n');
  });
  if (r.ambiguous && r.reason) lines.push(`note: ${r.reason}`);
  if (r.decision) lines.push(describeFit(r.decision));
  return [...lines, ...drafts].join('\n');
}

function shortVersion(v: string): string {
  return v.startsWith('sha256:') ? v : v.slice(0, 7);
}
