import type { ImapFlow } from 'imapflow';
import type { Transporter } from 'nodemailer';
import { lazyModule } from '@core/lazy/lazy-module';

// loaded by the first mailbox that sends or receives, not at boot
const nodemailer = lazyModule<typeof import('nodemailer')>('nodemailer');
const imapflow = lazyModule<typeof import('imapflow')>('imapflow');

export type Security = 'tls' | 'starttls' | 'none';

/** What the protocols need of a mailbox (passwords already opened). */
export interface MailboxEndpoints {
  address: string;
  smtp: { host: string; port: number; security: Security; user: string | null; password: string | null };
  imap: { host: string; port: number; security: Security; user: string | null; password: string | null; mailbox: string } | null;
}

const TIMEOUT_MS = 15_000;

/** An SMTP transport (nodemailer): `tls` implicit TLS, `starttls` required upgrade, `none` plain (loopback/test servers only). */
export function smtpTransport(e: MailboxEndpoints): Transporter {
  const s = e.smtp;
  return nodemailer().createTransport({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'none',
    auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS * 2,
  });
}

/** An IMAP client (imapflow) for the mailbox's receiving side. */
export function imapClient(e: MailboxEndpoints): ImapFlow {
  const i = e.imap!;
  const { ImapFlow } = imapflow();
  return new ImapFlow({
    host: i.host,
    port: i.port,
    secure: i.security === 'tls',
    doSTARTTLS: i.security === 'starttls' ? true : i.security === 'none' ? false : undefined,
    auth: { user: i.user ?? e.address, pass: i.password ?? '' },
    logger: false,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS * 4,
  });
}

/** The server's own words for a failure (its reply line when there is one), for the admin and for failed messages. */
export function serverError(e: unknown): string {
  const x = e as { response?: string; responseText?: string; message?: string; code?: string };
  const text = x.response ?? x.responseText ?? x.message ?? String(e);
  return String(text).slice(0, 1000);
}

/** The SMTP reply code of a failed send (e.g. 450, 550), or null when the server never answered. */
export function smtpReplyCode(e: unknown): number | null {
  const code = (e as { responseCode?: number }).responseCode;
  return typeof code === 'number' ? code : null;
}
