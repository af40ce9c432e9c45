import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { DomainError } from '@core/http/domain-error';
import { LinkSigner } from '@core/messaging/tracking';
import { credentialsKey } from '@core/util/secret-box';
import { maskEmail } from '@core/util/mask';
import { EmailErrorCode } from './email.errors';
import { EmailUnsubscribeInfo } from './dto/email.dto';

/** A 1×1 transparent GIF. */
export const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * Links in bulk mail that work without login: the open pixel, click redirects (signed with the target URL, so
 * they are no open redirect: a changed token is a 400) and unsubscribe (body link to the SPA page, RFC 8058
 * one-click POST and a mailto address in `List-Unsubscribe`). Opens and clicks are counted per message, so per
 * broadcast; an unsubscribed address gets no more bulk mail.
 */
@Injectable()
export class EmailTrackingService {
  private readonly signer: LinkSigner;
  private readonly base: string;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.signer = new LinkSigner(credentialsKey(config.credentialsKey, config.jwtSecret).key, 'email');
    this.base = config.publicUrl;
  }

  /** The HTML of one recipient's bulk mail with tracked links, the unsubscribe footer and the open pixel; and its headers. */
  decorate(html: string, messageId: string, address: string, mailbox: string, footer: string): { html: string; headers: Record<string, string> } {
    const unsubscribe = this.signer.sign(['u', address, messageId]);
    const tracked = html.replace(/href="(https?:\/\/[^"]+)"/g, (_, url: string) => {
      const target = url.replace(/&amp;/g, '&');
      return `href="${this.base}/api/v1/email/t/c/${this.signer.sign(['c', messageId, target])}"`;
    });
    const page = `${this.base}/unsubscribe?t=${unsubscribe}`;
    const pixel = `<img src="${this.base}/api/v1/email/t/o/${this.signer.sign(['o', messageId])}" width="1" height="1" alt="" />`;
    return {
      html: `${tracked}<p style="font-size:12px;color:#888"><a href="${page}">${footer}</a></p>${pixel}`,
      headers: {
        'List-Unsubscribe': `<mailto:${mailbox}?subject=unsubscribe%20${unsubscribe}>, <${this.base}/api/v1/email/unsubscribe/${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }

  /** Counts an open (first time kept); unknown tokens are ignored (a pixel always answers). */
  async open(token: string): Promise<void> {
    const p = this.signer.verify(token);
    if (p?.[0] !== 'o') return;
    await this.ds.query(`UPDATE email_messages SET opened_at = COALESCE(opened_at, now()), open_count = open_count + 1 WHERE id = $1`, [p[1]]);
  }

  /** Counts a click and answers where to go; a changed token is a 400. */
  async click(token: string): Promise<string> {
    const p = this.signer.verify(token);
    if (p?.[0] !== 'c' || !/^https?:\/\//.test(p[2] ?? '')) throw this.invalid();
    await this.ds.query(`UPDATE email_messages SET click_count = click_count + 1, opened_at = COALESCE(opened_at, now()) WHERE id = $1`, [p[1]]);
    return p[2];
  }

  async info(token: string): Promise<EmailUnsubscribeInfo> {
    const address = this.unsubscribeAddress(token);
    const [row]: { unsubscribed_at: Date | null }[] = await this.ds.query(`SELECT unsubscribed_at FROM email_address_status WHERE address = $1`, [address]);
    return { address: maskEmail(address) ?? '', unsubscribed: !!row?.unsubscribed_at };
  }

  async unsubscribe(token: string, source: 'link' | 'one-click' | 'mailto'): Promise<EmailUnsubscribeInfo> {
    const address = this.unsubscribeAddress(token);
    await this.ds.query(
      `INSERT INTO email_address_status (address, unsubscribed_at, unsubscribe_source) VALUES ($1, now(), $2)
         ON CONFLICT (address) DO UPDATE SET unsubscribed_at = COALESCE(email_address_status.unsubscribed_at, now()), unsubscribe_source = COALESCE(email_address_status.unsubscribe_source, $2), updated_at = now()`,
      [address, source],
    );
    return { address: maskEmail(address) ?? '', unsubscribed: true };
  }

  /** An unsubscribe token in a mail's subject (`unsubscribe <token>`, the mailto of List-Unsubscribe), or null. */
  mailtoToken(subject: string): string | null {
    const m = /unsubscribe\s+(\S+)/i.exec(subject);
    return m && this.signer.verify(m[1])?.[0] === 'u' ? m[1] : null;
  }

  private unsubscribeAddress(token: string): string {
    const p = this.signer.verify(token);
    if (p?.[0] !== 'u' || !p[1]) throw this.invalid();
    return p[1];
  }

  private invalid(): DomainError {
    return new DomainError(EmailErrorCode.EMAIL_LINK_INVALID, HttpStatus.BAD_REQUEST, 'The link is invalid', [{ field: 'token', message: 'invalid signature' }]);
  }
}
