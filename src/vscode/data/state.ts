import { existsSync } from 'node:fs';
import { StateStore } from '../../core/store/database';

/**
 * Runs `read` on a read-only snapshot of the state database, or returns undefined when there is none yet.
 * Views never take the writer's lock: the pipeline worker may be writing the same file meanwhile.
 */
export async function readState<T>(statePath: string, read: (store: StateStore) => T | Promise<T>, opts: { evenIfMissing?: boolean } = {}): Promise<T | undefined> {
  if (!opts.evenIfMissing && !existsSync(statePath)) return undefined;
  // a missing file opens as an empty database in memory: nothing is created on disk
  const store = await StateStore.open(statePath, { readOnly: true });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}
