import type { Command } from 'commander';
import { SkillsmithError } from '../../core/errors';
import { FAILURE_KINDS, parseFailureKind, type FailureKind } from '../../core/match/trust/failure-kinds';
import { parseTrustLevel, TRUST_LEVELS, type TrustLevel } from '../../core/match/trust/levels';
import { TrustStore, type TrustState } from '../../core/match/trust/trust-store';
import type { SkillLibrary } from '../../core/skills/library/library';
import { draftAwaitingReview } from '../../core/skills/library/messages';
import { EXIT, type CliContext } from '../context';
import { UsageError } from '../number-options';
import { action } from '../program';
import { loadRegistry, openStore } from '../skill-catalog';
import { trustRulesFromEnv } from '../trust-rules';

interface TrustOptions {
  reject?: boolean;
  kind?: string;
  reason?: string;
  level?: string;
  library?: string[];
  json?: boolean;
}

export function registerTrust(program: Command): void {
  program
    .command('trust')
    .description("a skill version's trust: outcomes, success rate with its 95% lower bound, level; reject it or set its level by hand")
    // the version goes after an @ (as for install): a `--version` option is taken by the program's own --version
    .argument('<skill>', 'SKILL, or SKILL@VERSION for that version (default: the one on disk: the library, an agent folder, or --library)')
    .option('--reject', 'record a failure by hand (needs --kind and --reason)')
    .option('--kind <kind>', `why it failed: ${Object.keys(FAILURE_KINDS).join(', ')}`)
    .option('--reason <text>', 'what went wrong, or why the level changes')
    .option('--level <level>', `set the level by hand (${TRUST_LEVELS.join(', ')}); trusted or verified also releases a quarantine`)
    .option('--library <dir>', 'find the skill in this folder of skills instead of the library; repeatable', (v: string, p: string[]) => [...p, v], [])
    .option('--json', 'print the trust state as JSON')
    .action(action<TrustOptions>(trustCommand));
}

async function trustCommand(ctx: CliContext, [target]: string[], opts: TrustOptions): Promise<number> {
  const parsed = checkFlags(opts);
  const { skill, version } = skillAndVersion(target);
  const changes = Boolean(opts.reject || opts.level);
  const store = await openStore(ctx, { writable: changes });
  try {
    const trust = new TrustStore(store, trustRulesFromEnv());
    const ref = { skill, version: await resolveVersion(ctx, skill, version, opts) };
    let state: TrustState;
    if (parsed.kind) state = trust.reject(ref, parsed.kind, opts.reason!);
    else if (parsed.level) state = trust.setLevel(ref, parsed.level, opts.reason!);
    else state = trust.state(ref);
    if (changes) await store.flush();
    const others = trust.versionsOf(skill).filter((v) => v.version !== ref.version);
    ctx.out(ctx.json ? JSON.stringify({ ...state, versions: others }, null, 2) : formatState(state, others));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/**
 * How the command was called, checked before the store or the library is opened: contradictory flags and an
 * unknown kind or level are usage errors (exit 2), whatever skill is named.
 */
function checkFlags(opts: TrustOptions): { kind?: FailureKind; level?: TrustLevel } {
  if (opts.reject && opts.level) throw new UsageError('give --reject or --level, not both', 'trust');
  if (opts.reject && (!opts.kind || !opts.reason?.trim())) throw new UsageError('--reject needs --kind and --reason', 'trust', `kinds: ${Object.keys(FAILURE_KINDS).join(', ')}`);
  if (opts.level && !opts.reason?.trim()) throw new UsageError('--level needs --reason', 'trust');
  if (!opts.reject && opts.kind) throw new UsageError('--kind goes with --reject', 'trust');
  return {
    kind: opts.kind === undefined ? undefined : asUsage(() => parseFailureKind(opts.kind!), '--kind'),
    level: opts.level === undefined ? undefined : asUsage(() => parseTrustLevel(opts.level!), '--level'),
  };
}

/** The core's parse, its refusal restated as a usage error of `flag`. */
function asUsage<T>(parse: () => T, flag: string): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof SkillsmithError) throw new UsageError(e.message, flag, e.hint);
    throw e;
  }
}

/** `SKILL@VERSION` split at its last @ (a skill name holds none). */
function skillAndVersion(target: string): { skill: string; version?: string } {
  const at = target.lastIndexOf('@');
  if (at < 0) return { skill: target };
  const version = target.slice(at + 1).trim();
  if (at === 0 || !version) throw new UsageError(`"${target}" names no ${at === 0 ? 'skill' : 'version'}`, 'trust', 'write SKILL or SKILL@VERSION');
  return { skill: target.slice(0, at), version };
}

/** The version asked for (a library commit may be given short), or the one on disk. */
async function resolveVersion(ctx: CliContext, skill: string, version: string | undefined, opts: TrustOptions): Promise<string> {
  const { registry, library } = await loadRegistry(ctx, { library: opts.library });
  try {
    if (version) return (await libraryVersion(library, skill, version)) ?? version;
    const found = registry.get(skill);
    if (!found) {
      if (library && (await library.drafts()).some((d) => d.name === skill)) throw draftAwaitingReview(skill, library.dir);
      throw new SkillsmithError(`no skill named "${skill}" ${opts.library?.length ? `in ${opts.library.join(', ')}` : 'in the library or the agents\' skill folders'}`, 'trust', 'write SKILL@VERSION to name a version that is not on disk');
    }
    return found.version;
  } finally {
    registry.close();
  }
}

async function libraryVersion(library: SkillLibrary | undefined, skill: string, version: string): Promise<string | undefined> {
  if (!library || !/^[0-9a-f]{4,40}$/i.test(version.trim())) return undefined;
  const versions = await library.log(skill).catch(() => []);
  const matches = versions.filter((v) => v.id.startsWith(version.trim().toLowerCase()));
  if (matches.length > 1) throw new SkillsmithError(`version ${version} is ambiguous`, `skill ${skill}`, 'give more digits');
  return matches[0]?.id;
}

function formatState(s: TrustState, others: TrustState[]): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const lines = [
    `${s.skill} @ ${short(s.version)}: ${s.level} (${s.setBy})`,
    `  ${s.reason}`,
    `  outcomes: ${s.successes} succeeded, ${s.failures} failed; success rate ${pct(s.mean)}, 95% sure it is at least ${pct(s.lower)} and at most ${pct(s.upper)}`,
  ];
  if (s.quarantine) lines.push(`  quarantined since ${s.quarantine.createdAt}: ${s.quarantine.reason}`);
  for (const o of others) lines.push(`  other version ${short(o.version)}: ${o.level}, ${o.successes}/${o.uses} succeeded`);
  return lines.join('\n');
}

function short(v: string): string {
  return /^[0-9a-f]{40}$/.test(v) ? v.slice(0, 7) : v;
}

