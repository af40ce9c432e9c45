/**
 * The life of an outbound message, for every channel: `scheduled` → `queued` → `sent` (the provider accepted
 * it) → `delivered` | `undelivered` | `failed`; `unknown` when the provider call timed out (never resent
 * blindly: a receipt settles it); `skipped` (suppressed, over a cap, invalid address) and `canceled` never left.
 */
export const MESSAGE_STATUSES = ['scheduled', 'queued', 'sent', 'delivered', 'undelivered', 'failed', 'unknown', 'skipped', 'canceled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Statuses after which nothing changes any more. */
export const FINAL_STATUSES: readonly MessageStatus[] = ['delivered', 'undelivered', 'failed', 'skipped', 'canceled'];

const RANK: Record<MessageStatus, number> = { scheduled: 0, queued: 1, unknown: 2, sent: 3, delivered: 4, undelivered: 4, failed: 4, skipped: 4, canceled: 4 };

/**
 * Whether a receipt or step may move a message from `from` to `to`: only forward (a late `sent` never undoes
 * `delivered`; receipts arriving out of order are ignored), and a final status is final.
 */
export function canMoveTo(from: MessageStatus, to: MessageStatus): boolean {
  if (from === to || FINAL_STATUSES.includes(from)) return false;
  return RANK[to] > RANK[from] || (from === 'unknown' && to !== 'queued' && to !== 'scheduled');
}
