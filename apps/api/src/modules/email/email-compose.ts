import sanitizeHtml from 'sanitize-html';
import { sanitizeRichText } from '@core/text/rich-text';

/** The HTML part as it leaves: the rich-text allow-list (no scripts, handlers, styles or unsafe links). */
export const safeHtml = (html: string): string => sanitizeRichText(html);

/** A plain-text part from HTML: block ends become line breaks, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  const marked = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|h[1-6]|li|tr|blockquote|pre)>/gi, '\n');
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A reply's subject: `Re: ` once, whatever prefixes (Re/RE/回复/答复) the original had. */
export function replySubject(subject: string): string {
  return /^\s*(re|回复|答复)\s*[:：]/i.test(subject) ? subject : `Re: ${subject}`;
}

/** References of a reply (RFC 5322 §3.6.4): the parent's References then its Message-ID, at most 20 kept (the first and the last 19). */
export function replyReferences(parentReferences: string[], parentMessageId: string): string[] {
  const all = [...parentReferences.filter((r) => r !== parentMessageId), parentMessageId];
  return all.length > 20 ? [all[0], ...all.slice(-19)] : all;
}

/** A new Message-ID in the sender's domain. */
export function newMessageId(id: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] || 'keyuan.local';
  return `<${id}@${domain}>`;
}

/** Message-IDs named in In-Reply-To / References headers (angle brackets kept), newest last. */
export function parseMessageIds(header: string | string[] | undefined | null): string[] {
  if (!header) return [];
  const text = Array.isArray(header) ? header.join(' ') : header;
  return [...text.matchAll(/<[^<>\s]+>/g)].map((m) => m[0]);
}

export type SmtpOutcome = { kind: 'retry'; code: string } | { kind: 'failed'; code: string };

/**
 * What a failed send means (RFC 5321 §4.2.1): a 4xx reply is temporary → retry while attempts remain; a 5xx is
 * permanent → failed; no reply (connection refused, timeout) is treated as temporary.
 */
export function classifySmtpFailure(replyCode: number | null, attempts: number, maxAttempts: number): SmtpOutcome {
  if (replyCode !== null && replyCode >= 500) return { kind: 'failed', code: 'smtp_5xx' };
  const code = replyCode !== null ? 'smtp_4xx' : 'connection';
  return attempts >= maxAttempts ? { kind: 'failed', code } : { kind: 'retry', code };
}

/** Seconds to wait before the next try after `attempts` failed ones: 1, 5, 15, 60 minutes, then hourly. */
export function retryDelaySec(attempts: number): number {
  return [60, 300, 900, 3600][attempts - 1] ?? 3600;
}
