/** Record kinds whose committed events integrators may subscribe to (webhooks) or read (the change feed). */
export const WEBHOOK_RECORD_TYPES = ['lead', 'account', 'contact', 'opportunity', 'quote', 'contract', 'ticket', 'campaign', 'payment'] as const;

/** Business events beyond created / updated / deleted, derived from the audited change that caused them. */
export const WEBHOOK_SPECIAL_EVENTS = [
  'lead.converted', 'opportunity.stage_changed', 'opportunity.won', 'quote.accepted', 'contract.signed', 'ticket.resolved',
  'payment.received', 'payment.reversed',
  // an inbound SMS: the message (entity type `sms`) is only ever received, so it has no created/updated/deleted types
  'sms.received',
] as const;

/** Every event type a subscription may name, sorted (the API validates against it, the SPA offers it). */
export const WEBHOOK_EVENT_TYPES: string[] = [
  ...WEBHOOK_RECORD_TYPES.flatMap((t) => [`${t}.created`, `${t}.updated`, `${t}.deleted`])
    // a payment is never deleted (a reversal undoes it: payment.reversed, and payment.updated on the original)
    .filter((type) => type !== 'payment.deleted'),
  ...WEBHOOK_SPECIAL_EVENTS,
].sort();

/**
 * A custom module's record events: `obj.<key>.created|updated|deleted` (issue 18). The pattern only; whether the
 * module exists, and whether the subscriber reads it, is checked by the API.
 */
export const OBJECT_EVENT_TYPE = /^obj\.[a-z][a-z0-9_]{1,25}\.(created|updated|deleted)$/;
export const objectEventTypes = (key: string): string[] => ['created', 'updated', 'deleted'].map((a) => `obj.${key}.${a}`);

/** A built-in event type or a custom module's record event (by pattern). */
export function isWebhookEventType(t: unknown): t is string {
  return typeof t === 'string' && (WEBHOOK_EVENT_TYPES.includes(t) || OBJECT_EVENT_TYPE.test(t));
}

/** The record kind an event type is about: `lead` of `lead.converted`, `obj.visit` of `obj.visit.created`. */
export const eventKindOf = (type: string): string => type.slice(0, type.lastIndexOf('.'));
