import { getCurrentScope, onScopeDispose, ref } from 'vue';

export interface PollOptions<T> {
  /** Stop once this holds for an answer. */
  done: (value: T) => boolean;
  /** Every answer, the last one included. */
  onUpdate?: (value: T) => void;
  /** Milliseconds between the end of one call and the start of the next. */
  interval?: number;
  /** Consecutive failures tolerated (network blips) before giving up with the last error. */
  maxErrors?: number;
}

/**
 * Calls `fetch` until `done` — one call at a time, never overlapping — and stops with the
 * component. `poll` resolves to the final answer, or null when stopped first.
 */
export function usePolling() {
  const active = ref(false);
  let run = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;

  function stop() {
    run++;
    active.value = false;
    clearTimeout(timer);
    wake?.();
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  async function poll<T>(fetch: () => Promise<T>, options: PollOptions<T>): Promise<T | null> {
    stop();
    const mine = ++run;
    active.value = true;
    const interval = options.interval ?? 1000;
    const maxErrors = options.maxErrors ?? 3;
    let errors = 0;
    try {
      for (;;) {
        let value: T;
        try {
          value = await fetch();
          errors = 0;
        } catch (err) {
          if (mine !== run) return null;
          if (++errors >= maxErrors) throw err;
          await sleep(interval * 2 ** errors);
          if (mine !== run) return null;
          continue;
        }
        if (mine !== run) return null;
        options.onUpdate?.(value);
        if (options.done(value)) return value;
        await sleep(interval);
        if (mine !== run) return null;
      }
    } finally {
      if (mine === run) active.value = false;
    }
  }

  if (getCurrentScope()) onScopeDispose(stop);
  return { active, poll, stop };
}
