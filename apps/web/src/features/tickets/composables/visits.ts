import type { ReturnVisitMethod } from '@keyuan/shared';
import type { Ticket, VisitBody } from '../api';

/** What the plan dialog starts from. */
export interface VisitDraft {
  subject: string;
  accountId: string;
  accountName: string | null;
  ticketId: string | null;
  plannedDate: string;
  method: ReturnVisitMethod;
  notes: string;
}

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** A follow-up call after a ticket: its account, a subject naming it, three days later (the next working day after a weekend). */
export function visitDraftFromTicket(ticket: Pick<Ticket, 'id' | 'number' | 'subject' | 'accountId' | 'accountName'>, subjectOf: (number: string, subject: string) => string, today = new Date()): VisitDraft {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 3);
  if (d.getDay() === 6) d.setDate(d.getDate() + 2);
  if (d.getDay() === 0) d.setDate(d.getDate() + 1);
  return { subject: subjectOf(ticket.number, ticket.subject), accountId: ticket.accountId ?? '', accountName: ticket.accountName, ticketId: ticket.id, plannedDate: iso(d), method: 'phone', notes: '' };
}

/** The create body: empty notes and no ticket left out. */
export function visitBody(d: VisitDraft): VisitBody {
  return { subject: d.subject.trim(), accountId: d.accountId, plannedDate: d.plannedDate, method: d.method, ...(d.ticketId ? { ticketId: d.ticketId } : {}), ...(d.notes.trim() ? { notes: d.notes.trim() } : {}) } as VisitBody;
}

/** The first and last day of the month shown by the calendar (ISO dates, local). */
export function monthRange(d: Date): { from: string; to: string } {
  return { from: iso(new Date(d.getFullYear(), d.getMonth(), 1)), to: iso(new Date(d.getFullYear(), d.getMonth() + 1, 0)) };
}
