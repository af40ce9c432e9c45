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
