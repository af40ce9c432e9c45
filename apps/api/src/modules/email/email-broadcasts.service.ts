import { HttpStatus, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { AccessService } from '@core/access/access.service';
import { DomainError, notFound } from '@core/http/domain-error';
import { JobsService } from '@core/jobs/jobs.service';
import { type Audience, audiencePage, type AudiencePorts } from '@core/messaging/audience';
import { runBroadcast } from '@core/messaging/broadcast-runner';
import { renderTemplate } from '@core/messaging/render';
import { messagingScope } from '@core/messaging/scope';
import { Throttle } from '@core/messaging/throttle';
import { CampaignsService } from '@modules/campaigns/campaigns.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { SavedViewsService } from '@modules/saved-views/saved-views.service';
import { EmailAccountsService } from './email-accounts.service';
import { htmlToText, newMessageId, safeHtml } from './email-compose';
import { EmailDeliveryService } from './email-delivery.service';
import { EmailRecipientsService } from './email-recipients.service';
import { EmailTemplatesService } from './email-templates.service';
import { EmailTrackingService } from './email-tracking.service';
import { EmailErrorCode } from './email.errors';
import { CreateEmailBroadcastDto, EmailBroadcastList, EmailBroadcastResponse, EmailEstimateDto, EmailEstimateResponse } from './dto/email.dto';

interface BroadcastRow {
  id: string;
  name: string;
  template_id: string;
  account_id: string;
  audience: Audience;
  variables: Record<string, string>;
  status: string;
  scheduled_at: Date | null;
  rate_per_second: string;
  cursor: string | null;
  listed: number;
  done: boolean;
  error: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  owner_id: string;
  created_at: Date;
}

export const EMAIL_BROADCAST_JOB = 'email.broadcast';
const PAGE = 200;
const CHUNK = 50;
const FOOTER = '退订 / Unsubscribe';

/**
 * Bulk email (批量发送): a template to chosen contacts, a campaign's contact segment or a saved view, run as a
 * background job that streams the audience a page at a time (core/messaging/audience, in the creator's scope),
 * writes each recipient as queued or skipped (do-not-email, no address, unsubscribed, bouncing), and sends at
 * the broadcast's rate (core/messaging/throttle) through the normal delivery path. Each message carries
 * List-Unsubscribe (mailto + RFC 8058 one-click), an unsubscribe link, tracked links and an open pixel. A lease
 * on the row keeps one runner; a stopped run resumes from its cursor.
 */
@Injectable()
export class EmailBroadcastsService implements OnModuleInit {
  private readonly logger = new Logger('EmailBroadcasts');
  private readonly ports: AudiencePorts;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly accounts: EmailAccountsService,
    private readonly templates: EmailTemplatesService,
    private readonly recipients: EmailRecipientsService,
    private readonly delivery: EmailDeliveryService,
    private readonly tracking: EmailTrackingService,
    private readonly access: AccessService,
    private readonly jobs: JobsService,
    contacts: ContactsService,
    campaigns: CampaignsService,
    savedViews: SavedViewsService,
  ) {
    this.ports = {
      readableContacts: (actor, ids) => contacts.readable(actor, ids),
      campaignSegment: async (actor, id) => (await campaigns.getVisible(actor, id)).targetSegment ?? null,
      savedView: async (actor, id) => {
        const v = await savedViews.get(actor, id);
        return { listKey: v.listKey, filter: v.filters.filter, q: v.filters.q };
      },
      listContacts: async (actor, query) => {
        const page = await contacts.list(actor, query as never);
        return { ids: page.data.map((c) => c.id), next: page.nextCursor, total: page.total, totalIsEstimate: !!page.totalIsEstimate };
      },
    };
  }

  onModuleInit(): void {
    this.jobs.register(EMAIL_BROADCAST_JOB, (d) => this.run(String(d.id)), undefined, { retryLimit: 0, expireInSeconds: 24 * 3600 });
    this.jobs.register('email.broadcasts', () => this.startDue(), '* * * * *', { retryLimit: 0 });
  }

  async estimate(actor: AuthUser, dto: EmailEstimateDto): Promise<EmailEstimateResponse> {
    const page = await audiencePage(this.ports, actor, dto.audience, null, 1, EmailErrorCode.EMAIL_AUDIENCE_NOT_CONTACTS);
    return { recipients: page.total, recipientsIsEstimate: page.totalIsEstimate };
  }

  async create(actor: AuthUser, dto: CreateEmailBroadcastDto): Promise<EmailBroadcastResponse> {
    await this.templates.row(dto.templateId);
    const account = await this.accounts.sender(actor, dto.accountId);
    await audiencePage(this.ports, actor, dto.audience, null, 1, EmailErrorCode.EMAIL_AUDIENCE_NOT_CONTACTS);
    const later = !!dto.scheduledAt && dto.scheduledAt > new Date();
    const [row]: BroadcastRow[] = await this.ds.query(
      `INSERT INTO email_broadcasts (name, template_id, account_id, audience, variables, scheduled_at, rate_per_second, owner_id, department_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [dto.name, dto.templateId, account.id, JSON.stringify(dto.audience), JSON.stringify(dto.variables ?? {}), later ? dto.scheduledAt : new Date(), dto.ratePerSecond ?? 5, actor.id, actor.departmentId],
    );
    if (!later) await this.jobs.send(EMAIL_BROADCAST_JOB, { id: row.id });
    return this.get(actor, row.id);
  }

  async list(actor: AuthUser): Promise<EmailBroadcastList> {
    const scope = messagingScope(actor, 'email', 'b');
    const rows: BroadcastRow[] = await this.ds.query(`SELECT b.* FROM email_broadcasts b WHERE ${scope.sql} ORDER BY b.created_at DESC, b.id DESC LIMIT 100`, scope.params);
    return { data: await Promise.all(rows.map((r) => this.toResponse(r))) };
  }

  async get(actor: AuthUser, id: string): Promise<EmailBroadcastResponse> {
    return this.toResponse(await this.readable(actor, id));
  }

  async cancel(actor: AuthUser, id: string): Promise<EmailBroadcastResponse> {
    const b = await this.readable(actor, id);
    // the broadcast and its queued messages together: a run never sees one canceled without the other
    await this.ds.transaction(async (m) => {
      const [, n]: [unknown, number] = await m.query(
        `UPDATE email_broadcasts SET status = 'canceled', finished_at = now(), updated_at = now(), version = version + 1 WHERE id = $1 AND status IN ('scheduled', 'running')`,
        [b.id],
      );
      if (!n) throw new DomainError(EmailErrorCode.EMAIL_BROADCAST_FINISHED, HttpStatus.CONFLICT, 'The broadcast already ended');
      await m.query(`UPDATE email_messages SET status = 'canceled', updated_at = now() WHERE broadcast_id = $1 AND status = 'queued'`, [b.id]);
    });
    return this.get(actor, id);
  }

  /** The minute job: starts due broadcasts and resumes runs whose lease ran out. */
  async startDue(): Promise<void> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM email_broadcasts WHERE (status = 'scheduled' AND scheduled_at <= now()) OR (status = 'running' AND lease_until < now()) ORDER BY created_at LIMIT 20`,
    );
    for (const r of rows) await this.jobs.send(EMAIL_BROADCAST_JOB, { id: r.id });
  }

  /** Runs (or resumes) a broadcast until it completes or is canceled. */
  async run(id: string): Promise<void> {
    const lease = `interval '2 minutes'`;
    const [rows]: [BroadcastRow[], number] = await this.ds.query(
      `UPDATE email_broadcasts SET status = 'running', lease_until = now() + ${lease}, started_at = COALESCE(started_at, now()), updated_at = now()
        WHERE id = $1 AND status IN ('scheduled', 'running') AND (lease_until IS NULL OR lease_until < now()) AND (status <> 'scheduled' OR scheduled_at <= now())
        RETURNING *`,
      [id],
    );
    const b = rows[0];
    if (!b) return;
    try {
      const actor = await this.access.loadAuthUser(b.owner_id);
      if (!actor) throw new Error('The broadcast owner is no longer active');
      const throttle = new Throttle(Number(b.rate_per_second));
      const outcome = await runBroadcast<string>(
        {
          check: async () => {
            const [[cur]]: [{ status: string }[], number] = await this.ds.query(`UPDATE email_broadcasts SET lease_until = now() + ${lease} WHERE id = $1 RETURNING status`, [id]);
            return cur?.status === 'running' ? 'go' : 'stop';
          },
          listPage: (cursor) => this.listPage(actor, b, cursor),
          nextChunk: async () =>
            ((await this.ds.query(`SELECT id FROM email_messages WHERE broadcast_id = $1 AND status = 'queued' AND attempts = 0 ORDER BY id LIMIT $2`, [id, CHUNK])) as { id: string }[]).map((r) => r.id),
          sendChunk: async (ids) => {
            for (const mid of ids) {
              await throttle.take();
              // the lease is renewed for every message: a slow server never lets another run take the broadcast over
              const [[cur]]: [{ status: string }[], number] = await this.ds.query(`UPDATE email_broadcasts SET lease_until = now() + ${lease} WHERE id = $1 RETURNING status`, [id]);
              if (cur?.status !== 'running') return;
              await this.ds.query(`UPDATE email_messages SET next_attempt_at = now() WHERE id = $1 AND status = 'queued'`, [mid]);
              // a message another worker already claimed is simply not found here
              if (!(await this.delivery.sendDue([mid]))) await this.ds.query(`UPDATE email_messages SET attempts = GREATEST(attempts, 1) WHERE id = $1 AND status = 'queued'`, [mid]);
            }
          },
        },
        { cursor: b.cursor, listingDone: b.done },
      );
      if (outcome.outcome === 'completed') {
        await this.ds.query(`UPDATE email_broadcasts SET status = 'completed', finished_at = now(), lease_until = NULL, updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'running'`, [id]);
      } else {
        await this.ds.query(`UPDATE email_broadcasts SET lease_until = NULL WHERE id = $1`, [id]);
      }
    } catch (e) {
      this.logger.error(`broadcast ${id}: ${(e as Error).message}`);
      await this.ds.query(`UPDATE email_broadcasts SET status = 'failed', error = $2, finished_at = now(), lease_until = NULL, updated_at = now() WHERE id = $1`, [id, (e as Error).message.slice(0, 500)]);
      await this.ds.query(`UPDATE email_messages SET status = 'canceled', error_code = 'BROADCAST_FAILED', updated_at = now() WHERE broadcast_id = $1 AND status = 'queued' AND attempts = 0`, [id]);
    }
  }

  /** Lists one page of the audience and writes its recipients (queued, or skipped with the reason); idempotent per contact. */
  private async listPage(actor: AuthUser, b: BroadcastRow, cursor: string | null): Promise<{ next: string | null }> {
    const page = await audiencePage(this.ports, actor, b.audience, cursor, PAGE, EmailErrorCode.EMAIL_AUDIENCE_NOT_CONTACTS);
    const targets = await this.recipients.contactRecords(page.ids);
    const template = await this.templates.row(b.template_id);
    const account = await this.accounts.row(b.account_id);
    const addresses = targets.map((t) => t.address).filter((a): a is string => !!a);
    const statuses: { address: string; bouncing: boolean; unsubscribed_at: Date | null }[] = addresses.length
      ? await this.ds.query(`SELECT address, bouncing, unsubscribed_at FROM email_address_status WHERE address = ANY($1)`, [addresses])
      : [];
    const status = new Map(statuses.map((s) => [s.address, s]));
    const rows = targets.map((t) => {
      const s = t.address ? status.get(t.address) : undefined;
      const reason = t.doNotEmail ? 'DO_NOT_EMAIL' : !t.address ? 'NO_ADDRESS' : s?.unsubscribed_at ? 'UNSUBSCRIBED' : s?.bouncing ? 'BOUNCING' : null;
      const values = { ...t.values, 'sender.name': actor.name, ...b.variables };
      const id = randomUUID();
      const subject = renderTemplate(template.subject, values).text.replace(/[\r\n]+/g, ' ').trim();
      const body = safeHtml(renderTemplate(template.body_html, values, { html: true }).text);
      const decorated = reason ? { html: body, headers: {} } : this.tracking.decorate(body, id, t.address!, account.address, FOOTER);
      return { id, t, reason, subject, html: decorated.html, text: htmlToText(body), headers: JSON.stringify(decorated.headers), messageId: newMessageId(id, account.address) };
    });
    await this.ds.transaction(async (m) => {
      let inserted = 0;
      if (rows.length) {
        const landed: { id: string }[] = await m.query(
          `INSERT INTO email_messages (id, direction, status, account_id, from_address, from_name, to_addresses, subject, body_text, body_html, message_id, thread_id,
              template_id, broadcast_id, extra_headers, record_type, record_id, owner_id, department_id, error_code, created_by, created_by_name)
           SELECT r.id, 'outbound', CASE WHEN r.reason IS NULL THEN 'queued' ELSE 'skipped' END, $1, $2, $3, CASE WHEN r.address IS NULL THEN '{}'::text[] ELSE ARRAY[r.address] END,
                  r.subject, r.body_text, r.body_html, r.message_id, r.id, $4, $5, r.headers::jsonb, 'contact', r.record_id, COALESCE(r.owner_id, $6), r.department_id, r.reason, $6, $7
             FROM unnest($8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::uuid[], $16::uuid[], $17::uuid[], $18::text[])
                  AS r(id, address, subject, body_text, body_html, message_id, headers, record_id, owner_id, department_id, reason)
           ON CONFLICT (broadcast_id, record_id) WHERE broadcast_id IS NOT NULL DO NOTHING
           RETURNING id`,
          [
            account.id,
            account.address,
            account.from_name,
            template.id,
            b.id,
            actor.id,
            actor.name,
            rows.map((r) => r.id),
            rows.map((r) => r.t.address),
            rows.map((r) => r.subject),
            rows.map((r) => r.text),
            rows.map((r) => r.html),
            rows.map((r) => r.messageId),
            rows.map((r) => r.headers),
            rows.map((r) => r.t.id),
            rows.map((r) => r.t.ownerId),
            rows.map((r) => r.t.departmentId),
            rows.map((r) => r.reason),
          ],
        );
        inserted = landed.length;
      }
      // only the rows written now: a page listed again after a crash adds nothing twice
      await m.query(`UPDATE email_broadcasts SET cursor = $2, done = $3, listed = listed + $4, updated_at = now() WHERE id = $1`, [b.id, page.next, page.next === null, inserted]);
    });
    return { next: page.next };
  }

  private async readable(actor: AuthUser, id: string): Promise<BroadcastRow> {
    const scope = messagingScope(actor, 'email', 'b');
    const [row]: BroadcastRow[] = await this.ds.query(`SELECT b.* FROM email_broadcasts b WHERE b.id = $3 AND ${scope.sql}`, [...scope.params, id]);
    if (!row) throw notFound('email broadcast');
    return row;
  }

  private async toResponse(b: BroadcastRow): Promise<EmailBroadcastResponse> {
    const counts: { status: string; n: number; opened: number; clicks: number }[] = await this.ds.query(
      `SELECT status, count(*)::int AS n, count(opened_at)::int AS opened, COALESCE(sum(click_count), 0)::int AS clicks FROM email_messages WHERE broadcast_id = $1 GROUP BY status`,
      [b.id],
    );
    const byStatus = Object.fromEntries(counts.map((c) => [c.status === 'sending' ? 'queued' : c.status, c.n]));
    const pending = (byStatus.queued ?? 0) + (byStatus.scheduled ?? 0);
    const total = b.listed;
    return {
      id: b.id,
      name: b.name,
      templateId: b.template_id,
      accountId: b.account_id,
      audience: b.audience,
      status: b.status,
      scheduledAt: b.scheduled_at,
      ratePerSecond: Number(b.rate_per_second),
      error: b.error,
      startedAt: b.started_at,
      finishedAt: b.finished_at,
      ownerId: b.owner_id,
      progress: {
        listed: total,
        listingDone: b.done,
        byStatus,
        percent: b.status === 'completed' ? 100 : total && b.done ? Math.floor(((total - pending) / total) * 100) : 0,
        opened: counts.reduce((a, c) => a + c.opened, 0),
        clicks: counts.reduce((a, c) => a + c.clicks, 0),
      },
      createdAt: b.created_at,
    };
  }
}
