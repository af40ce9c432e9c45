import type { RecordEvent } from '@core/events/outbox/record-event';
import { WEBHOOK_EVENT_TYPES, webhookTypesOf } from './webhook-events';

const ev = (p: Partial<RecordEvent>): RecordEvent => ({
  id: 'e1', name: 'record.updated', entityType: 'lead', entityId: 'r1', actorId: null, depth: 0, action: 'update', changes: [], createdAt: new Date(0), ...p,
});

describe('webhookTypesOf', () => {
  it.each([
    [ev({ name: 'record.created' }), ['lead.created']],
    [ev({ name: 'record.deleted', entityType: 'account' }), ['account.deleted']],
    [ev({ name: 'record.ownerChanged', entityType: 'contact', action: 'assign' }), ['contact.updated']],
    [ev({ action: 'convert', changes: [{ field: 'status', old: 'qualified', new: 'converted' }] }), ['lead.updated', 'lead.converted']],
    [ev({ entityType: 'opportunity', action: 'move', changes: [{ field: 'stageId', old: 'a', new: 'b' }] }), ['opportunity.updated', 'opportunity.stage_changed']],
    [
      ev({ entityType: 'opportunity', action: 'move', changes: [{ field: 'stageId', old: 'a', new: 'b' }, { field: 'wonAt', old: null, new: '2026-01-01' }] }),
      ['opportunity.updated', 'opportunity.stage_changed', 'opportunity.won'],
    ],
    [ev({ entityType: 'quote', action: 'accept', changes: [{ field: 'status', old: 'sent', new: 'accepted' }] }), ['quote.updated', 'quote.accepted']],
    [ev({ entityType: 'contract', action: 'activate', changes: [{ field: 'status', old: 'pending_approval', new: 'active' }] }), ['contract.updated', 'contract.signed']],
    [ev({ entityType: 'ticket', changes: [{ field: 'status', old: 'open', new: 'resolved' }] }), ['ticket.updated', 'ticket.resolved']],
    [ev({ entityType: 'payment', name: 'record.created', action: 'create' }), ['payment.created', 'payment.received']],
    [ev({ entityType: 'payment', name: 'record.created', action: 'reversal' }), ['payment.created', 'payment.reversed']],
    [ev({ entityType: 'payment', action: 'reverse', changes: [{ field: 'reversedById', old: null, new: 'p2' }] }), ['payment.updated']],
    [ev({ entityType: 'invoice', name: 'record.created' }), []],
    [ev({ entityType: 'sms', name: 'record.created', action: 'receive', changes: [{ field: 'phone', old: null, new: '+8613900000000' }] }), ['sms.received']],
    // a message is only ever received: nothing else about it is an event
    [ev({ entityType: 'sms', name: 'record.updated' }), []],
  ])('%#', (e, types) => {
    expect(webhookTypesOf(e)).toEqual(types);
    for (const t of types) expect(WEBHOOK_EVENT_TYPES).toContain(t);
  });
});
