import type { RecordEvent } from '@core/events/outbox/record-event';
import { isObjectModule, WEBHOOK_RECORD_TYPES } from '@keyuan/shared';

export { WEBHOOK_EVENT_TYPES, WEBHOOK_RECORD_TYPES } from '@keyuan/shared';

const becomes = (e: RecordEvent, field: string, value: unknown) => e.changes.some((c) => c.field === field && c.new === value && c.old !== value);

/**
 * The webhook types a committed record event stands for: its `<kind>.created|updated|deleted` (an owner change
 * is an update) and the business events its changes mean (a stage moved, a quote accepted...). Pure.
 */
export function webhookTypesOf(e: RecordEvent): string[] {
  // an inbound SMS (its message, entity type `sms`, written by the sms module with the audit action `receive`)
  if (e.entityType === 'sms') return e.name === 'record.created' && e.action === 'receive' ? ['sms.received'] : [];
  // a custom module's record (entity type `obj.<key>`): created, updated, deleted
  if (isObjectModule(e.entityType)) return [`${e.entityType}.${e.name === 'record.created' ? 'created' : e.name === 'record.deleted' ? 'deleted' : 'updated'}`];
  if (!(WEBHOOK_RECORD_TYPES as readonly string[]).includes(e.entityType)) return [];
  const t = e.entityType;
  if (e.name === 'record.created') {
    // a payment recorded is received money; the negative payment that reverses one is `payment.reversed`
    if (t === 'payment') return e.action === 'reversal' ? ['payment.created', 'payment.reversed'] : ['payment.created', 'payment.received'];
    return [`${t}.created`];
  }
  if (e.name === 'record.deleted') return [`${t}.deleted`];
  const types = [`${t}.updated`];
  if (t === 'lead' && e.action === 'convert') types.push('lead.converted');
  if (t === 'opportunity' && e.changes.some((c) => c.field === 'stageId')) types.push('opportunity.stage_changed');
  if (t === 'opportunity' && e.changes.some((c) => c.field === 'wonAt' && c.old == null && c.new != null)) types.push('opportunity.won');
  if (t === 'quote' && becomes(e, 'status', 'accepted')) types.push('quote.accepted');
  if (t === 'contract' && becomes(e, 'status', 'active')) types.push('contract.signed');
  if (t === 'ticket' && becomes(e, 'status', 'resolved')) types.push('ticket.resolved');
  return types;
}

/** What webhooks and the change feed say about an event: the record, the action, who, and the changed fields. */
export function webhookData(e: RecordEvent) {
  return { id: e.entityId, object: e.entityType, eventId: e.id, action: e.action, actorId: e.actorId, changes: e.changes };
}

/** The delivered body (Standard Webhooks: `{ type, timestamp, data }`). */
export function webhookBody(e: RecordEvent, type: string): string {
  return JSON.stringify({ type, timestamp: e.createdAt.toISOString(), data: webhookData(e) });
}
