let queue: Promise<unknown> = Promise.resolve();

/**
 * Host-side writers of the state database take turns. The store admits one writer at a time and a second
 * fails at once, so Install Skill and the hand-edit check, which both write from the extension host, queue
 * here instead of failing on each other's lock. The pipeline worker waits here before it starts.
 */
export function asStateWriter<T>(write: () => Promise<T>): Promise<T> {
  const turn = queue.then(write, write);
  queue = turn.catch(() => undefined);
  return turn;
}
