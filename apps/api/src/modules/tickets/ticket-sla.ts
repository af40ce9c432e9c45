import type { SlaTarget, TicketPriority, TicketStatus } from '@keyuan/shared';
import type { StoredPause } from './ticket.entity';

/** A span the clock stood still, as business calendars' `dueAt` takes it. */
export interface Pause {
  from: Date;
  to: Date | null;
}

/** Statuses that always stop the clock: nothing is owed on a resolved or closed ticket. */
export const DONE_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

export const pausesOf = (stored: readonly StoredPause[]): Pause[] => stored.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));

/** Whether the clock stands still in `status` under a policy pausing `pauseStatuses`. */
export const stopsClock = (status: TicketStatus, pauseStatuses: readonly string[]): boolean => DONE_STATUSES.includes(status) || pauseStatuses.includes(status);

/** The pauses with one opened at `at` (unchanged when one is open). */
export function openPause(pauses: readonly StoredPause[], at: Date): StoredPause[] {
  if (pauses.some((p) => p.to === null)) return [...pauses];
  return [...pauses, { from: at.toISOString(), to: null }];
}

/** The pauses with the open one closed at `at`; a pause of no length is dropped. */
export function closePause(pauses: readonly StoredPause[], at: Date): StoredPause[] {
  return pauses.flatMap((p) => {
    if (p.to !== null) return [p];
    return new Date(p.from).getTime() >= at.getTime() ? [] : [{ from: p.from, to: at.toISOString() }];
  });
}

export interface SlaState {
  firstRespondedAt: Date | null;
  awaitingSince: Date | null;
  resolvedAt: Date | null;
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstResponseBreached: boolean;
  nextResponseBreached: boolean;
  resolutionBreached: boolean;
}

/** The due times still running and not breached: what a countdown and the queues watch. */
export function runningDues(t: SlaState): { target: SlaTarget; due: Date }[] {
  const out: { target: SlaTarget; due: Date }[] = [];
  if (!t.firstRespondedAt && t.firstResponseDueAt && !t.firstResponseBreached) out.push({ target: 'firstResponse', due: t.firstResponseDueAt });
  if (t.awaitingSince && t.nextResponseDueAt && !t.nextResponseBreached) out.push({ target: 'nextResponse', due: t.nextResponseDueAt });
  if (!t.resolvedAt && t.resolutionDueAt && !t.resolutionBreached) out.push({ target: 'resolution', due: t.resolutionDueAt });
  return out;
}

/** The earliest running due time (null: nothing runs). */
export function nextDue(t: SlaState): Date | null {
  const dues = runningDues(t).map((d) => d.due.getTime());
  return dues.length ? new Date(Math.min(...dues)) : null;
}

/** Met late: an answer or resolution after its due time is a breach even if the job never saw it. */
export const lateAt = (due: Date | null, at: Date): boolean => !!due && at.getTime() > due.getTime();

const PRIORITY_ORDER: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

/** One step up (urgent stays urgent). */
export function raisedPriority(p: TicketPriority): TicketPriority {
  return PRIORITY_ORDER[Math.min(PRIORITY_ORDER.indexOf(p) + 1, PRIORITY_ORDER.length - 1)];
}

/** Whether a product bought under a warranty ending `warrantyEnd` (YYYY-MM-DD, inclusive) is covered on `today`. */
export function underWarranty(warrantyEnd: string | null, today: string): boolean | null {
  if (!warrantyEnd) return null;
  return today <= warrantyEnd;
}

/** Whether a customer's reply at `at` to a ticket resolved at `resolvedAt` still reopens it (within `days`). */
export function reopensWithin(resolvedAt: Date | null, at: Date, days: number): boolean {
  if (!resolvedAt) return false;
  return at.getTime() - resolvedAt.getTime() <= days * 86_400_000;
}
