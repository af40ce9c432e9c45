import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { usePolling } from '@/composables/usePolling';

describe('usePolling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls one at a time until done, reporting every answer', async () => {
    const answers = [10, 55, 100];
    const fetch = vi.fn(async () => answers.shift()!);
    const seen: number[] = [];
    const { poll, active } = usePolling();
    const result = poll(fetch, { interval: 1000, done: (p) => p >= 100, onUpdate: (p) => seen.push(p) });
    expect(active.value).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(result).resolves.toBe(100);
    expect(seen).toEqual([10, 55, 100]);
    expect(active.value).toBe(false);
  });

  it('rides out a network blip, but gives up after too many failures in a row', async () => {
    const fetch = vi.fn().mockRejectedValueOnce(new TypeError('offline')).mockResolvedValueOnce('done');
    const { poll } = usePolling();
    const ok = poll(fetch, { interval: 100, done: (v) => v === 'done' });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(ok).resolves.toBe('done');

    const failing = vi.fn().mockRejectedValue(new Error('down'));
    const bad = poll(failing, { interval: 100, maxErrors: 2, done: () => true });
    const settled = expect(bad).rejects.toThrow('down');
    await vi.advanceTimersByTimeAsync(1000);
    await settled;
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('stops with its scope (the page is left) and resolves to null', async () => {
    const scope = effectScope();
    const fetch = vi.fn(async () => 1);
    const result = scope.run(() => usePolling().poll(fetch, { interval: 500, done: () => false }))!;
    await vi.advanceTimersByTimeAsync(1200);
    const calls = fetch.mock.calls.length;
    scope.stop();
    await expect(result).resolves.toBeNull();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetch).toHaveBeenCalledTimes(calls);
  });
});
