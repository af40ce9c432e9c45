import type { ParsedMail } from 'mailparser';
import { parseMessageIds } from './email-compose';

export interface Dsn {
  /** Recipients whose delivery failed for good (Action: failed). */
  failed: { address: string; status: string; diagnostic: string | null }[];
  /** Message-ID of the message that bounced, from the returned headers. */
  originalMessageId: string | null;
}

/**
 * A delivery status notification (RFC 3464: multipart/report; report-type=delivery-status), read from its
 * message/delivery-status part; null for any other mail.
 */
export function readDsn(mail: ParsedMail): Dsn | null {
  const ct = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (ct?.value?.toLowerCase() !== 'multipart/report' || ct.params?.['report-type']?.toLowerCase() !== 'delivery-status') return null;
  const parts = mail.attachments;
  const status = parts.find((a) => a.contentType.toLowerCase() === 'message/delivery-status');
  const original = parts.find((a) => ['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers'].includes(a.contentType.toLowerCase()));
  // mailparser keeps message/delivery-status as an attachment or, as a text part, merges it into `text`
  const body = status ? status.content.toString('utf8') : (mail.text ?? '');
  return { failed: parseDeliveryStatus(body), originalMessageId: original ? originalId(original.content.toString('utf8')) : null };
}

/** Failed recipients of a message/delivery-status body: per-recipient blocks after the per-message one. */
export function parseDeliveryStatus(body: string): Dsn['failed'] {
  const unfolded = body.replace(/\r?\n[ \t]+/g, ' ');
  const blocks = unfolded.split(/\r?\n\s*\r?\n/);
  const out: Dsn['failed'] = [];
  for (const block of blocks) {
    const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(block)?.[1]?.trim() ?? null;
    const recipient = field('Final-Recipient') ?? field('Original-Recipient');
    const action = field('Action');
    if (!recipient || action?.toLowerCase() !== 'failed') continue;
    const address = recipient.replace(/^rfc822\s*;\s*/i, '').replace(/[<>]/g, '').trim().toLowerCase();
    out.push({ address, status: field('Status') ?? '5.0.0', diagnostic: field('Diagnostic-Code') });
  }
  return out;
}

function originalId(headers: string): string | null {
  const m = /^Message-ID:\s*(.+)$/im.exec(headers.replace(/\r?\n[ \t]+/g, ' '));
  return m ? (parseMessageIds(m[1])[0] ?? null) : null;
}
