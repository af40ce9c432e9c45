import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How deep in a chain of automated reactions the current code runs: 0 for a person's change, n + 1 for
 * a change a workflow rule made while handling an event of depth n. Events written inside carry it, so
 * a rule re-triggered by its own updates can be stopped (loop protection).
 */
const storage = new AsyncLocalStorage<{ depth: number }>();

export function currentEventDepth(): number {
  return storage.getStore()?.depth ?? 0;
}

export function withEventDepth<T>(depth: number, fn: () => Promise<T>): Promise<T> {
  return storage.run({ depth }, fn);
}
