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

  async take(): Promise<void> {
    const t = this.now();
    const slot = Math.max(t, this.next);
    this.next = slot + 1000 / this.ratePerSecond;
    if (slot > t) await this.sleep(slot - t);
  }
}
