import { Injectable } from '@nestjs/common';

/**
 * The time the ticket rules see: the system clock. SLA arithmetic, pauses and the escalation job all ask
 * it, so tests can put the service on a real 2026 date (a weekend, National Day) without faking the process.
 */
@Injectable()
export class TicketClock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Stops the clock at `at` (null: the system clock again). Tests only. */
  set(at: Date | string | null): void {
    this.fixed = at === null ? null : new Date(at);
  }
}
