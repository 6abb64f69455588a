import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SkillsmithError } from '../core/errors';
import { llmConfigFromEnv, LLM_ENV, type LlmFlags } from '../core/llm/config';
import { createLlmClient } from '../core/llm/create-client';
import { MemoryTokenLedger } from '../core/llm/ledger';
import { StoreTokenLedger } from '../core/llm/store-ledger';
import { StoreEmbeddingCache } from '../core/match/embeddings/cache';
import { CachedEmbedder, llmEmbeddings } from '../core/match/embeddings/embedder';
import type { MatcherSettings } from '../core/match/matcher';
import type { SkillRoot } from '../core/match/registry/load-skill';
import { SkillRegistry } from '../core/match/registry/registry';
import { agentRoots, folderRoot, libraryRoot } from '../core/match/registry/roots';
import { SkillSearch } from '../core/match/search';
import { TrustStore } from '../core/match/trust/trust-store';
import { SkillLibrary } from '../core/skills/library/library';
import { StateStore } from '../core/store/database';
import { StateLockedError } from '../core/store/lock';
import type { CliContext } from './context';
import { draftsRoot, type DraftsRoot } from './drafts-root';

export interface CatalogOptions extends LlmFlags {
  /** Folders of skills to use instead of the library and the agents' folders (repeatable). */
  library?: string[];
}

/** `--library DIR` (repeatable) and the embeddings flags, for every command that matches skills. */
export function addCatalogOptions(command: Command): Command {
  return command
    .option('--library <dir>', 'match the skills in this folder (any depth) instead of the library and the agents\' skill folders; repeatable', collect, [])
    .option('--embeddings-base-url <url>', 'OpenAI-compatible embeddings endpoint (env SKILLSMITH_EMBEDDINGS_BASE_URL, else SKILLSMITH_LLM_BASE_URL)')
    .option('--embeddings-model <name>', 'embeddings model; with one, BM25 is fused with cosine similarity (env SKILLSMITH_EMBEDDINGS_MODEL)');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export interface OpenCatalog {
  search: SkillSearch;
  store: StateStore;
  trust: TrustStore;
  library?: SkillLibrary;
  close(): Promise<void>;
}

/**
 * The skills a command matches over: the folders named with `--library`, or else the library (when it
 * exists; it is not created here) followed by every agent's project and user skill folders. The state
 * store supplies trust and caches embeddings; when another process holds it, it is read without caching.
 */
export async function openCatalog(ctx: CliContext, opts: CatalogOptions, settings: Partial<MatcherSettings> = {}, extra: { drafts?: boolean } = {}): Promise<OpenCatalog> {
  const store = await openStore(ctx);
  let drafts: DraftsRoot | undefined;
  try {
    const { registry, library } = await loadRegistry(ctx, opts, async (lib) => {
      drafts = extra.drafts ? await draftsRoot(lib) : undefined;
      return drafts ? [drafts.root] : [];
    });
    const embedder = embedderFor(opts, store);
    const trust = new TrustStore(store);
    const search = await SkillSearch.open({ registry, embedder, trust, settings });
    for (const n of search.notices) ctx.err(`skillsmith: ${n}`);
    return {
      search,
      store,
      trust,
      library,
      close: async () => {
        search.close();
        registry.close();
        await store.close();
        await drafts?.dispose();
      },
    };
  } catch (e) {
    await store.close();
    await drafts?.dispose();
    throw e;
  }
}

/** The registry of the folders `--library` names, or of the library and the agents' folders. */
export async function loadRegistry(
  ctx: CliContext,
  opts: Pick<CatalogOptions, 'library'>,
  libraryExtras?: (library: SkillLibrary) => Promise<SkillRoot[]>,
): Promise<{ registry: SkillRegistry; library?: SkillLibrary }> {
  const library = opts.library?.length ? undefined : await usableLibrary(ctx);
  const extras = library && libraryExtras ? await libraryExtras(library) : [];
  const roots: SkillRoot[] = opts.library?.length
    ? (await Promise.all(opts.library.map((dir) => folderRoot(dir)))).flat()
    : [...(library ? [libraryRoot(library)] : []), ...agentRoots(process.cwd(), homedir()), ...extras];
  const registry = await SkillRegistry.load(roots);
  for (const p of registry.problems) ctx.debug(`skipped: ${p}`);
  return { registry, library };
}

export async function openStore(ctx: CliContext, { writable = false } = {}): Promise<StateStore> {
  const onNotice = (m: string) => ctx.err(`skillsmith: ${m}`);
  try {
    return await StateStore.open(ctx.home.state, { onNotice });
  } catch (e) {
    if (writable || !(e instanceof StateLockedError)) throw e;
    ctx.debug(`${e.describe()}; reading it without writing`);
    return StateStore.open(ctx.home.state, { onNotice, readOnly: true });
  }
}

export async function openLibraryIfPresent(ctx: CliContext): Promise<SkillLibrary | undefined> {
  return existsSync(join(ctx.home.library, '.git')) ? SkillLibrary.open(ctx.home.library, { onNotice: (m) => ctx.err(`skillsmith: ${m}`) }) : undefined;
}

/** The library when it can be read; a damaged one is reported and left out, so the agents' folders still match. */
async function usableLibrary(ctx: CliContext): Promise<SkillLibrary | undefined> {
  try {
    const library = await openLibraryIfPresent(ctx);
    await library?.list();
    return library;
  } catch (e) {
    if (!(e instanceof SkillsmithError)) throw e;
    ctx.err(`skillsmith: ${e.describe()}; matching without the library`);
    return undefined;
  }
}

/**
 * Embeddings when a model is named. Matching calls no chat model, so the embeddings model stands in for
 * one when none is set; the key and limits come from the usual SKILLSMITH_LLM_* variables.
 */
function embedderFor(opts: CatalogOptions, store: StateStore): CachedEmbedder | undefined {
  const env = process.env;
  const model = opts.embeddingsModel?.trim() || env[LLM_ENV.embeddingsModel]?.trim();
  if (!model || (opts.llmProvider ?? env[LLM_ENV.provider]) === 'offline') return undefined;
  const config = llmConfigFromEnv(env, { ...opts, llmProvider: 'openai', llmModel: opts.llmModel || env[LLM_ENV.model] || model, embeddingsModel: model });
  const ledger = store.readOnly ? new MemoryTokenLedger() : new StoreTokenLedger(store);
  const provider = llmEmbeddings(createLlmClient(config, { ledger }), model);
  return provider ? new CachedEmbedder(provider, new StoreEmbeddingCache(store, !store.readOnly)) : undefined;
}
