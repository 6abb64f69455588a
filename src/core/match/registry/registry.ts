import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { describeError } from '../../errors';
import { loadSkill, type RegisteredSkill, type SkillRoot } from './load-skill';

export type RegistryChange = { type: 'upsert'; skill: RegisteredSkill } | { type: 'remove'; name: string };

export interface WatchOptions {
  /** Quiet time after the last file event before the changed skills are re-read. */
  debounceMs?: number;
  /** A steady stream of events still flushes after this long. */
  maxWaitMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 300;
const DEFAULT_MAX_WAIT_MS = 2000;

/**
 * The skills of several roots (the library, then the agents' skill folders), one level deep. A name found
 * in two roots is the first root's; removing it there reveals the next. Watching re-reads only the skill
 * folders that events name, after a debounce, and reports each effective change once.
 */
export class SkillRegistry {
  readonly problems: string[] = [];
  /** Per root: skills by folder and by name (a valid skill's name is its folder's, but not every skill is valid). */
  private readonly perRoot: { byFolder: Map<string, RegisteredSkill>; byName: Map<string, RegisteredSkill> }[];
  private readonly effective = new Map<string, RegisteredSkill>();
  private readonly listeners = new Set<(change: RegistryChange) => void>();
  private watchers: FSWatcher[] = [];
  private pending = new Map<number, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt = 0;
  private flushing: Promise<void> = Promise.resolve();

  private constructor(private readonly roots: readonly SkillRoot[]) {
    this.perRoot = roots.map(() => ({ byFolder: new Map(), byName: new Map() }));
  }

  /** Reads every skill of every root. A root that does not exist simply has no skills. */
  static async load(roots: readonly SkillRoot[]): Promise<SkillRegistry> {
    const registry = new SkillRegistry(roots);
    for (let i = 0; i < roots.length; i++) {
      const folders = roots[i].folders ? [...roots[i].folders!] : await listFolders(roots[i].dir);
      await registry.reloadFolders(i, folders, false);
    }
    return registry;
  }

  get size(): number {
    return this.effective.size;
  }

  get(name: string): RegisteredSkill | undefined {
    return this.effective.get(name);
  }

  /** Every skill, by name. */
  all(): RegisteredSkill[] {
    return [...this.effective.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  onChange(listener: (change: RegistryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads one skill folder of one root now (what the watcher does after its debounce). */
  async reload(rootDir: string, folder: string): Promise<void> {
    const index = this.roots.findIndex((r) => r.dir === rootDir);
    if (index < 0) throw new Error(`programming error: ${rootDir} is not a root of this registry`);
    await this.reloadFolders(index, [folder], true);
  }

  /** Starts watching every root that exists; `close()` stops. */
  watch(options: WatchOptions = {}): void {
    const debounce = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    const maxWait = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.roots.forEach((root, index) => {
      try {
        const watcher = watch(root.dir, { recursive: true }, (_event, filename) => {
          const folder = filename ? String(filename).split(/[\\/]/)[0] : undefined;
          if (folder && !folder.startsWith('.') && (!root.folders || root.folders.includes(folder))) this.schedule(index, folder, debounce, maxWait);
        });
        watcher.on('error', (e) => this.problems.push(`stopped watching ${root.dir}: ${describeError(e)}`));
        this.watchers.push(watcher);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT') this.problems.push(`cannot watch ${root.dir}: ${describeError(e)}`);
      }
    });
  }

  /** Resolves once every change seen so far has been applied. */
  async settled(): Promise<void> {
    while (this.timer || this.pending.size > 0) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
      await this.flush();
    }
    await this.flushing;
  }

  close(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private schedule(root: number, folder: string, debounce: number, maxWait: number): void {
    if (this.pending.size === 0) this.firstPendingAt = Date.now();
    const set = this.pending.get(root) ?? new Set<string>();
    set.add(folder);
    this.pending.set(root, set);
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(debounce, this.firstPendingAt + maxWait - Date.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, wait);
  }

  private flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.flushing.then(async () => {
      for (const [root, folders] of batch) {
        try {
          await this.reloadFolders(root, [...folders], true);
        } catch (e) {
          this.problems.push(`could not reload ${[...folders].join(', ')} in ${this.roots[root].dir}: ${describeError(e)}`);
        }
      }
    });
    return this.flushing;
  }

  private async reloadFolders(index: number, folders: string[], notify: boolean): Promise<void> {
    const root = this.roots[index];
    const versions = (await root.versions?.()) ?? new Map<string, string>();
    const mine = this.perRoot[index];
    for (const folder of folders) {
      const before = mine.byFolder.get(folder);
      const loaded = await loadSkill(root, folder, versions);
      if (before) {
        mine.byFolder.delete(folder);
        if (mine.byName.get(before.name) === before) {
          mine.byName.delete(before.name);
          const other = [...mine.byFolder.values()].find((s) => s.name === before.name);
          if (other) mine.byName.set(other.name, other);
        }
      }
      if ('skill' in loaded) {
        mine.byFolder.set(folder, loaded.skill);
        // two folders declaring one name: the first folder (in sorted order) keeps it
        if (!mine.byName.has(loaded.skill.name)) mine.byName.set(loaded.skill.name, loaded.skill);
      }
      if ('problem' in loaded) this.problems.push(loaded.problem);
      const touched = new Set([before?.name, 'skill' in loaded ? loaded.skill.name : undefined].filter((n): n is string => n !== undefined));
      for (const name of touched) this.resolve(name, notify);
    }
  }

  /** Recomputes which root's copy of `name` counts and tells listeners when that changed. */
  private resolve(name: string, notify: boolean): void {
    const winner = this.perRoot.map((m) => m.byName.get(name)).find((s) => s !== undefined);
    const current = this.effective.get(name);
    if (winner && current && winner.hash === current.hash && winner.version === current.version && winner.dir === current.dir) return;
    if (winner) this.effective.set(name, winner);
    else if (current) this.effective.delete(name);
    else return;
    if (!notify) return;
    const change: RegistryChange = winner ? { type: 'upsert', skill: winner } : { type: 'remove', name };
    for (const l of this.listeners) l(change);
  }
}

async function listFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}
