/** SLA countdowns and labels of the ticket screens: pure, so they are tested without a browser. */

export type SlaState = 'none' | 'paused' | 'met' | 'ok' | 'warning' | 'breached';

export interface SlaTargetView {
  state: SlaState;
  /** Milliseconds left (negative: overdue); null when nothing runs. */
  remainingMs: number | null;
}

/** The warning window of the queues (the API's TICKET_SLA_WARN_MINUTES default). */
export const WARN_MS = 30 * 60_000;

/**
 * The state of one target: met when answered/resolved (breached if that was late), paused while the clock
 * stands still, otherwise counting down to `due` (warning inside the window, breached past it).
 */
export function slaTarget(
  due: string | null,
  now: number,
  opts: { met?: boolean; breached?: boolean; paused?: boolean; warnMs?: number } = {},
): SlaTargetView {
  if (opts.met) return { state: opts.breached ? 'breached' : 'met', remainingMs: null };
  if (opts.paused) return { state: 'paused', remainingMs: null };
  if (!due) return { state: opts.breached ? 'breached' : 'none', remainingMs: null };
  const remainingMs = new Date(due).getTime() - now;
  if (opts.breached || remainingMs < 0) return { state: 'breached', remainingMs };
  return { state: remainingMs <= (opts.warnMs ?? WARN_MS) ? 'warning' : 'ok', remainingMs };
}

/**
 * A countdown as the queue shows it: `2d 3h`, `3h 05m`, `12m`, `<1m`; overdue ones with a leading minus.
 */
export function formatCountdown(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 60_000);
  if (total < 1) return `${sign}<1m`;
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  if (d > 0) return `${sign}${d}d ${h}h`;
  if (h > 0) return `${sign}${h}h ${String(m).padStart(2, '0')}m`;
  return `${sign}${m}m`;
}

/** Element Plus tag type of a state. */
export function slaTagType(state: SlaState): 'success' | 'info' | 'warning' | 'danger' | 'primary' {
  return ({ none: 'info', paused: 'info', met: 'success', ok: 'primary', warning: 'warning', breached: 'danger' } as const)[state];
}

/** Tag type of a ticket status. */
export function statusTagType(status: string): 'success' | 'info' | 'warning' | 'danger' | 'primary' {
  return ({ new: 'primary', open: 'warning', pending: 'info', resolved: 'success', closed: 'info', reopened: 'danger' } as Record<string, 'success' | 'info' | 'warning' | 'danger' | 'primary'>)[status] ?? 'info';
}

/** Tag type of a priority. */
export function priorityTagType(priority: string): 'success' | 'info' | 'warning' | 'danger' | 'primary' {
  return ({ low: 'info', normal: 'primary', high: 'warning', urgent: 'danger' } as Record<string, 'success' | 'info' | 'warning' | 'danger' | 'primary'>)[priority] ?? 'info';
}

/** What a ticket row needs for its queue countdown. */
export interface TicketSla {
  slaNextDueAt: string | null;
  slaPaused: boolean;
  slaBreached: boolean;
  status: string;
}

/** The queue's single countdown: the earliest running target (breached tickets stay red). */
export function queueCountdown(t: TicketSla, now: number): SlaTargetView {
  if (t.status === 'resolved' || t.status === 'closed') return { state: t.slaBreached ? 'breached' : 'met', remainingMs: null };
  if (t.slaPaused) return { state: 'paused', remainingMs: null };
  if (!t.slaNextDueAt) return { state: t.slaBreached ? 'breached' : 'none', remainingMs: null };
  const view = slaTarget(t.slaNextDueAt, now);
  return t.slaBreached && view.state !== 'breached' ? { ...view, state: 'breached' } : view;
}

/** Days of a month grid (Monday first) with the items planned on each, for the return-visit calendar. */
export function groupByDate<T extends { plannedDate: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) out.set(i.plannedDate, [...(out.get(i.plannedDate) ?? []), i]);
  return out;
}
