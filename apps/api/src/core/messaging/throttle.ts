/**
 * Paces calls to `ratePerSecond` (a steady spacing, no burst), for broadcast runners of any channel. The clock
 * and sleep are injectable so specs run without waiting.
 */
export class Throttle {
  private next = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Waits for the slot of `n` calls (a batch call carrying n messages takes n slots). */
  async take(n = 1): Promise<void> {
    const t = this.now();
    const slot = Math.max(t, this.next);
    this.next = slot + (1000 * n) / this.ratePerSecond;
    if (slot > t) await this.sleep(slot - t);
  }
}
