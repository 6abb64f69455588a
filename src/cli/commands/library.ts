import type { Command } from 'commander';
import { basename, resolve } from 'node:path';
import { SkillsmithError } from '../../core/errors';
import { SkillLibrary } from '../../core/skills/library/library';
import { importSkill } from '../../core/skills/scan/import-skill';
import type { CandidateRejection, LibrarySkill, SkillCandidate, SkillSnapshot, SkillVersion } from '../../core/skills/library/types';
import { SKILL_MD_NAMES } from '../../core/skills/skillmd/types';
import { formatProvenance, readProvenance } from '../provenance';
import { EXIT, type CliContext } from '../context';
import { action } from '../program';
import { openStore } from '../skill-catalog';
import { HindsightChecks, type HindsightCheck } from '../../core/evolve/canary/hindsight-checks';
import { existsSync } from 'node:fs';

interface ReasonOption {
  reason?: string;
}

export function registerLibrary(program: Command): void {
  const library = program.command('library').description('the versioned skill library (a git repository in the home folder)');
  const sub = (name: string, description: string) => library.command(name).description(description).option('--json', 'print the result as JSON');

  sub('init', 'create the library if it does not exist').action(action(init));
  sub('add', 'record a skill folder: a new skill, or a new version of one in the library')
    .argument('<folder>', 'the skill folder (it holds SKILL.md)')
    .option('-r, --reason <text>', 'why this version (goes into the commit message)')
    .option('--allow-quarantined', 'record it even when the injection scan finds a high-severity problem; that version is then quarantined (installing it needs --force-quarantined)')
    .option('--allow-secret <fingerprint...>', 'record it although it holds this secret (by the fingerprint the refusal printed, or a kind such as github-token): a fake key on purpose; recorded in the commit')
    .action(action(add));
  sub('list', 'list the skills in the library').action(action(list));
  sub('log', "a skill's versions, newest first").argument('<skill>').action(action(log));
  sub('show', 'print a skill (SKILL.md, then the names of its other files)')
    .argument('<skill>', 'SKILL or SKILL@VERSION')
    .option('--candidate', 'show the candidate version awaiting review (the default for a new draft)')
    .option('--provenance', 'list the sessions and atoms the version was distilled from')
    .action(action(show));
  sub('diff', 'unified diff of a skill between two versions')
    .argument('<skill>')
    .argument('<from>', 'version (commit id, short forms accepted)')
    .argument('<to>', 'version')
    .action(action(diff));
  sub('revert', "restore a skill's content at a version, as a new version")
    .argument('<skill>')
    .argument('<version>')
    .option('-r, --reason <text>', 'why (goes into the commit message)')
    .action(action(revert));
  sub('remove', 'remove a skill from the library (its history stays)')
    .argument('<skill>')
    .requiredOption('-r, --reason <text>', 'why (goes into the commit message)')
    .action(action(remove));
  sub('propose', 'propose a skill folder as a candidate version, on branch candidate/<skill>')
    .argument('<folder>', 'the skill folder')
    .requiredOption('-r, --reason <text>', 'why this candidate')
    .action(action(propose));
  sub('candidates', 'list the candidates waiting for review').action(action(candidates));
  sub('accept', "merge a skill's candidate into the library").argument('<skill>').action(action(accept));
  sub('reject', "delete a skill's candidate, keeping it and the reason under refs/rejected/<skill>")
    .argument('<skill>')
    .requiredOption('-r, --reason <text>', 'why it is rejected')
    .action(action(reject));
  sub('rejected', "a skill's rejected candidates and why, newest first").argument('<skill>').action(action(rejected));
  for (const c of library.commands) c.exitOverride();
  library.exitOverride();
}

function open(ctx: CliContext): Promise<SkillLibrary> {
  return SkillLibrary.open(ctx.home.library, { onNotice: (m) => ctx.err(`skillsmith: ${m}`) });
}

async function init(ctx: CliContext): Promise<number> {
  const lib = await open(ctx);
  const skills = await lib.list();
  if (ctx.json) ctx.out(JSON.stringify({ path: lib.dir, created: lib.created, skills: skills.length }, null, 2));
  else ctx.out(lib.created ? `Created an empty skill library in ${lib.dir}` : `The skill library in ${lib.dir} is ready (${count(skills.length, 'skill')})`);
  return EXIT.ok;
}

async function add(ctx: CliContext, [folder]: string[], opts: ReasonOption & { allowQuarantined?: boolean; allowSecret?: string[] }): Promise<number> {
  if (!opts.allowQuarantined) return printVersion(ctx, await (await open(ctx)).add(folder, opts.reason, { allowSecrets: opts.allowSecret }));
  // the store is opened before the commit, so a version is never recorded without its quarantine
  const store = await openStore(ctx, { writable: true });
  try {
    const { version, quarantined, quarantineReason } = await importSkill(await open(ctx), store, folder, { reason: opts.reason, allowQuarantined: true, allowSecrets: opts.allowSecret });
    await store.flush();
    if (ctx.json) {
      ctx.out(JSON.stringify({ ...version, quarantined, quarantineReason }, null, 2));
      return EXIT.ok;
    }
    printVersion(ctx, version);
    if (quarantined) ctx.out(`Quarantined this version (${quarantineReason}); installing it needs --force-quarantined, releasing it \`skillsmith trust SKILL --level verified --reason …\`.`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

async function list(ctx: CliContext): Promise<number> {
  const library = await open(ctx);
  const skills = await library.list();
  if (ctx.json) {
    ctx.out(JSON.stringify(skills, null, 2));
    return EXIT.ok;
  }
  const drafts = await library.drafts();
  if (skills.length === 0 && drafts.length === 0) {
    ctx.out('The library is empty. Add a skill with `skillsmith library add FOLDER`.');
    return EXIT.ok;
  }
  const parts = [skills.length > 0 ? table(skills.map(skillRow)) : 'No accepted skills yet.'];
  if (drafts.length > 0) {
    parts.push(
      '',
      'Drafts awaiting review (read one with `skillsmith library show SKILL`):',
      table(drafts.map((d) => [`  ${d.name}`, d.version.shortId, `\`skillsmith library accept ${d.name}\``, firstLine(d.reason)])),
    );
  }
  ctx.out(parts.join('\n'));
  return EXIT.ok;
}

async function log(ctx: CliContext, [skill]: string[]): Promise<number> {
  const versions = await (await open(ctx)).log(skill);
  if (ctx.json) ctx.out(JSON.stringify(versions, null, 2));
  else ctx.out(table(versions.map((v) => [v.shortId, v.date, firstLine(v.message)])));
  return EXIT.ok;
}

async function show(ctx: CliContext, [target]: string[], opts: { candidate?: boolean; provenance?: boolean }): Promise<number> {
  const { name, version } = parseTarget(target);
  const library = await open(ctx);
  const snapshot = await showVersion(ctx, library, name, version, Boolean(opts.candidate));
  const origin = opts.provenance ? await readProvenance(ctx.home.state, name, snapshot.version) : undefined;
  if (ctx.json) ctx.out(JSON.stringify(origin ? { ...snapshot, provenance: origin } : snapshot, null, 2));
  else ctx.out(formatSnapshot(snapshot) + (origin ? '\n' + formatProvenance(name, snapshot.version, origin) : ''));
  return EXIT.ok;
}

/** A draft lives only on its candidate branch; `show` finds it there when the library has no such skill. */
async function showVersion(ctx: CliContext, library: SkillLibrary, name: string, version: string | undefined, candidate: boolean): Promise<SkillSnapshot> {
  if (version) return library.show(name, version);
  const pending = (await library.listCandidates()).find((c) => c.name === name);
  const inLibrary = (await library.list()).some((s) => s.name === name);
  if (pending && (candidate || !inLibrary)) {
    if (!candidate) ctx.err(`skillsmith: ${name} is a draft awaiting review; showing its candidate version ${pending.version.shortId}`);
    return library.show(name, pending.version.id);
  }
  if (candidate) throw new SkillsmithError(`skill "${name}" has no candidate awaiting review`, library.dir);
  return library.show(name);
}

async function diff(ctx: CliContext, [skill, from, to]: string[]): Promise<number> {
  const text = await (await open(ctx)).diff(skill, from, to);
  if (ctx.json) ctx.out(JSON.stringify({ name: skill, from, to, diff: text }, null, 2));
  else if (text) process.stdout.write(text);
  else ctx.err(`skillsmith: ${skill} is the same at ${from} and ${to}`);
  return EXIT.ok;
}

async function revert(ctx: CliContext, [skill, version]: string[], opts: ReasonOption): Promise<number> {
  return printVersion(ctx, await (await open(ctx)).revert(skill, version, opts.reason));
}

async function remove(ctx: CliContext, [skill]: string[], opts: ReasonOption): Promise<number> {
  return printVersion(ctx, await (await open(ctx)).remove(skill, opts.reason ?? ''));
}

async function propose(ctx: CliContext, [folder]: string[], opts: ReasonOption): Promise<number> {
  // a valid skill's name is its folder's name, so the library's own validation checks this guess
  const name = basename(resolve(folder)).normalize('NFKC');
  return printVersion(ctx, await (await open(ctx)).proposeCandidate(name, folder, opts.reason ?? ''));
}

async function candidates(ctx: CliContext): Promise<number> {
  const found = await (await open(ctx)).listCandidates();
  const checks = await hindsightChecks(ctx, found);
  const withChecks = found.map((c) => ({ ...c, ...(checks.has(c.name) ? { hindsight: checks.get(c.name)! } : {}) }));
  if (ctx.json) ctx.out(JSON.stringify(withChecks, null, 2));
  else ctx.out(found.length === 0 ? 'No candidates.' : candidateTable(withChecks));
  return EXIT.ok;
}

/** The hindsight gate's verdict on each candidate's current version, when it judged one. */
async function hindsightChecks(ctx: CliContext, found: SkillCandidate[]): Promise<Map<string, HindsightCheck>> {
  if (found.length === 0 || !existsSync(ctx.home.state)) return new Map();
  const store = await openStore(ctx);
  try {
    const checks = new HindsightChecks(store);
    return new Map(found.flatMap((c) => {
      const check = checks.get(c.name, c.version.id);
      return check ? [[c.name, check] as const] : [];
    }));
  } finally {
    await store.close();
  }
}

/** One row per candidate; a candidate the hindsight gate held says why on the line below. */
function candidateTable(found: (SkillCandidate & { hindsight?: HindsightCheck })[]): string {
  const rows = table(found.map(candidateRow)).split('\n');
  return rows.flatMap((row, i) => (found[i].hindsight?.verdict === 'held' ? [row, `  waits for review: ${found[i].hindsight!.reason}`] : [row])).join('\n');
}

async function accept(ctx: CliContext, [skill]: string[]): Promise<number> {
  return printVersion(ctx, await (await open(ctx)).acceptCandidate(skill));
}

async function reject(ctx: CliContext, [skill]: string[], opts: ReasonOption): Promise<number> {
  const rejection = await (await open(ctx)).rejectCandidate(skill, opts.reason ?? '');
  ctx.out(ctx.json ? JSON.stringify(rejection, null, 2) : `Rejected the candidate for ${skill} (kept as ${rejection.id.slice(0, 7)})`);
  return EXIT.ok;
}

async function rejected(ctx: CliContext, [skill]: string[]): Promise<number> {
  const rejections = await (await open(ctx)).rejections(skill);
  if (ctx.json) ctx.out(JSON.stringify(rejections, null, 2));
  else ctx.out(rejections.length === 0 ? `No rejected candidates for ${skill}.` : table(rejections.map(rejectionRow)));
  return EXIT.ok;
}

/** `name` or `name@version`. */
function parseTarget(target: string): { name: string; version?: string } {
  const at = target.lastIndexOf('@');
  if (at === -1) return { name: target };
  const [name, version] = [target.slice(0, at), target.slice(at + 1)];
  if (!name || !version) throw new SkillsmithError(`"${target}" is not SKILL or SKILL@VERSION`);
  return { name, version };
}

function printVersion(ctx: CliContext, v: SkillVersion): number {
  ctx.out(ctx.json ? JSON.stringify(v, null, 2) : `${v.shortId}  ${firstLine(v.message)}`);
  return EXIT.ok;
}

function formatSnapshot(s: SkillSnapshot): string {
  const main = SKILL_MD_NAMES.find((n) => n in s.files);
  const others = Object.keys(s.files).filter((p) => p !== main);
  const parts = main ? [s.files[main].replace(/\n$/, '')] : [];
  if (others.length > 0) parts.push(['', 'Other files:', ...others.map((p) => `  ${p}`)].join('\n'));
  return parts.join('\n');
}

function skillRow(s: LibrarySkill): string[] {
  return [s.name, s.version.slice(0, 7), s.updatedAt, firstLine(s.description)];
}

function candidateRow(c: SkillCandidate): string[] {
  return [c.name, c.version.shortId, c.version.date, c.baseVersion ? `on ${c.baseVersion.slice(0, 7)}` : 'new skill', firstLine(c.reason)];
}

function rejectionRow(r: CandidateRejection): string[] {
  return [r.id.slice(0, 7), r.date, firstLine(r.reason)];
}

/** Columns padded to their widest cell; the last column is left ragged. */
function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i].length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
