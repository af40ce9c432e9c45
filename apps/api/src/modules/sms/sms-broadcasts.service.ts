import { HttpStatus, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { AccessService } from '@core/access/access.service';
import { DomainError, notFound } from '@core/http/domain-error';
import { JobsService } from '@core/jobs/jobs.service';
import { audiencePage, type AudiencePage, type AudiencePorts } from '@core/messaging/audience';
import { runBroadcast } from '@core/messaging/broadcast-runner';
import { FINAL_STATUSES } from '@core/messaging/message-status';
import { renderTemplate } from '@core/messaging/render';
import { countSegments } from '@core/messaging/segments';
import { nextSendTime } from '@core/messaging/send-window';
import { Throttle } from '@core/messaging/throttle';
import { normalizePhone } from '@core/util/contact-normalize';
import { CampaignsService } from '@modules/campaigns/campaigns.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { SavedViewsService } from '@modules/saved-views/saved-views.service';
import type { SmsBroadcastStatus } from '@keyuan/shared';
import { SmsDeliveryService } from './sms-delivery.service';
import {
  cursorOf,
  decodeCursor,
  MessageRow,
  SmsMessagesService,
  templateParams,
} from './sms-messages.service';
import { smsScope } from './sms-scope';
import { SmsSettingsService } from './sms-settings.service';
import { SmsTemplate, SmsTemplatesService } from './sms-templates.service';
import { SmsErrorCode } from './sms.errors';
import {
  CreateSmsBroadcastDto,
  QuerySmsBroadcastsDto,
  SmsAudienceDto,
  SmsBroadcastList,
  SmsBroadcastResponse,
  SmsEstimateDto,
  SmsEstimateResponse,
} from './dto/sms.dto';

interface BroadcastRow {
  id: string;
  name: string;
  template_id: string;
  audience: SmsAudienceDto;
  variables: Record<string, string>;
  status: SmsBroadcastStatus;
  scheduled_at: Date | null;
  rate_per_second: number;
  cursor: string | null;
  listed: number;
  done: boolean;
  error: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  owner_id: string;
  created_at: Date;
}

/** Contacts listed per page of the audience (the contacts list's largest page). */
const PAGE = 200;
/** Queued messages sent per chunk (between two checks for cancel, hours and the lease). */
const CHUNK = 200;

/**
 * Broadcasts (群发): a template to a list of contacts, a campaign's contact segment or a saved view of the
 * contacts list, run as a background job (`sms.broadcast`) that lists the audience a page at a time through the
 * contacts module (in the creator's data scope), writes each recipient as queued or skipped (do-not-SMS,
 * opted out, invalid number, frequency caps), sends at the broadcast's rate and holds marketing outside the
 * allowed hours. A lease on the row keeps one runner per broadcast; a stopped run resumes from its cursor.
 */
@Injectable()
export class SmsBroadcastsService implements OnModuleInit {
  private readonly logger = new Logger('SmsBroadcasts');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly settings: SmsSettingsService,
    private readonly templates: SmsTemplatesService,
    private readonly messages: SmsMessagesService,
    private readonly delivery: SmsDeliveryService,
    private readonly contacts: ContactsService,
    private readonly campaigns: CampaignsService,
    private readonly savedViews: SavedViewsService,
    private readonly access: AccessService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('sms.broadcast', (d) => this.run(String(d.id)), undefined, {
      retryLimit: 0,
      expireInSeconds: 24 * 3600,
    });
    this.jobs.register('sms.broadcasts', () => this.startDue(), '* * * * *', { retryLimit: 0 });
  }

  async create(actor: AuthUser, dto: CreateSmsBroadcastDto): Promise<SmsBroadcastResponse> {
    await this.templates.usable(dto.templateId);
    await this.audiencePage(actor, dto.audience, null, 1);
    const s = await this.settings.load();
    const later = dto.scheduledAt && dto.scheduledAt > new Date();
    const [row]: BroadcastRow[] = await this.ds.query(
      `INSERT INTO sms_broadcasts (name, template_id, audience, variables, scheduled_at, rate_per_second, owner_id, department_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        dto.name,
        dto.templateId,
        JSON.stringify(dto.audience),
        JSON.stringify(dto.variables ?? {}),
        later ? dto.scheduledAt : new Date(),
        dto.ratePerSecond ?? s.ratePerSecond,
        actor.id,
        actor.departmentId,
      ],
    );
    if (!later) await this.jobs.send('sms.broadcast', { id: row.id });
    return this.get(actor, row.id);
  }

  async estimate(actor: AuthUser, dto: SmsEstimateDto): Promise<SmsEstimateResponse> {
    const template = await this.templates.usable(dto.templateId);
    const page = await this.audiencePage(actor, dto.audience, null, 1);
    const [first] = await this.contacts.messagingTargets(page.ids.slice(0, 1));
    const values = {
      ...((await this.messages.valuesFor(first ? [first] : [])).get(first?.id ?? '') ?? {}),
      ...(dto.variables ?? {}),
    };
    const sample = renderTemplate(template.body, values).text;
    const parts = countSegments(sample).parts;
    return {
      recipients: page.total,
      recipientsIsEstimate: page.totalIsEstimate,
      partsPerMessage: parts,
      totalParts: page.total * parts,
      sample,
    };
  }

  async list(actor: AuthUser, q: QuerySmsBroadcastsDto): Promise<SmsBroadcastList> {
    const scope = smsScope(actor, 'b');
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor);
    // keyset on (created_at, id) as a row comparison: idx_sms_broadcasts_list / _owner serve any depth
    const rows: BroadcastRow[] = await this.ds.query(
      `SELECT b.* FROM sms_broadcasts b
        WHERE ${scope.sql} AND ($4::text IS NULL OR b.status = $4)
          AND ($5::timestamptz IS NULL OR (b.created_at, b.id) < ($5::timestamptz, $6::uuid))
        ORDER BY b.created_at DESC, b.id DESC LIMIT $3`,
      [...scope.params, limit + 1, q.status ?? null, after?.t ?? null, after?.i ?? null],
    );
    const page = rows.slice(0, limit);
    return {
      data: await Promise.all(page.map((r) => this.toResponse(r))),
      nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]) : null,
    };
  }

  async get(actor: AuthUser, id: string): Promise<SmsBroadcastResponse> {
    return this.toResponse(await this.readable(actor, id));
  }

  async cancel(actor: AuthUser, id: string): Promise<SmsBroadcastResponse> {
    const b = await this.readable(actor, id);
    const [, n] = await this.ds.query(
      `UPDATE sms_broadcasts SET status = 'canceled', finished_at = now(), updated_at = now(), version = version + 1 WHERE id = $1 AND status IN ('scheduled', 'waiting', 'running')`,
      [b.id],
    );
    if (!n)
      throw new DomainError(
        SmsErrorCode.SMS_BROADCAST_FINISHED,
        HttpStatus.CONFLICT,
        'The broadcast already ended',
      );
    await this.ds.query(
      `UPDATE sms_messages SET status = 'canceled', updated_at = now() WHERE broadcast_id = $1 AND status = 'queued' AND provider IS NULL`,
      [b.id],
    );
    return this.get(actor, id);
  }

  /** The minute job: starts broadcasts that are due, re-checks held ones (hours may have changed) and resumes runs whose lease ran out. */
  async startDue(): Promise<void> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM sms_broadcasts WHERE (status = 'scheduled' AND scheduled_at <= now()) OR status = 'waiting' OR (status = 'running' AND lease_until < now()) ORDER BY created_at LIMIT 20`,
    );
    for (const r of rows) await this.jobs.send('sms.broadcast', { id: r.id });
  }

  /** Runs (or resumes) a broadcast; returns when it completes, is canceled or is held for the allowed hours. */
  async run(id: string): Promise<void> {
    const lease = `interval '2 minutes'`;
    const [rows]: [BroadcastRow[], number] = await this.ds.query(
      `UPDATE sms_broadcasts SET status = 'running', lease_until = now() + ${lease}, started_at = COALESCE(started_at, now()), updated_at = now()
        WHERE id = $1 AND status IN ('scheduled', 'waiting', 'running') AND (lease_until IS NULL OR lease_until < now())
          AND (status <> 'scheduled' OR scheduled_at <= now())
        RETURNING *`,
      [id],
    );
    const b = rows[0];
    if (!b) return;
    try {
      // messages claimed by a run that stopped mid-call may have left: never resend them blindly
      await this.ds.query(
        `UPDATE sms_messages SET status = 'unknown', error_code = 'INTERRUPTED', updated_at = now() WHERE broadcast_id = $1 AND status = 'queued' AND provider IS NOT NULL`,
        [id],
      );
      const actor = await this.access.loadAuthUser(b.owner_id);
      if (!actor) throw new Error('The broadcast owner is no longer active');
      const template = await this.templates.find(b.template_id);
      const throttle = new Throttle(b.rate_per_second);
      // a chunk must end well inside the 2-minute lease (renewed between chunks), or the minute job would start a
      // second runner mid-chunk at slow rates: at most a minute of sending per chunk
      const chunkSize = Math.max(1, Math.min(CHUNK, Math.floor(Number(b.rate_per_second) * 60)));
      const outcome = await runBroadcast(
        {
          check: async () => {
            const [[cur]]: [{ status: string }[], number] = await this.ds.query(
              `UPDATE sms_broadcasts SET lease_until = now() + ${lease} WHERE id = $1 RETURNING status`,
              [id],
            );
            if (cur?.status !== 'running') return 'stop';
            if (template.kind !== 'marketing') return 'go';
            const s = await this.settings.load();
            const now = new Date();
            const next = nextSendTime(now, s.window);
            return next > now ? next : 'go';
          },
          listPage: (cursor) => this.listPage(actor, b, template, cursor),
          nextChunk: async () => {
            const chunk: (MessageRow & { template_params: Record<string, string> | null })[] =
              await this.ds.query(
                `SELECT * FROM sms_messages WHERE broadcast_id = $1 AND status = 'queued' AND provider IS NULL ORDER BY id LIMIT $2`,
                [id, chunkSize],
              );
            return chunk.map((r) => this.messages.outbound(r, template));
          },
          sendChunk: async (chunk) => void (await this.delivery.send(actor, chunk, throttle)),
        },
        { cursor: b.cursor, listingDone: b.done },
      );
      if (outcome.outcome === 'held') {
        await this.ds.query(
          `UPDATE sms_broadcasts SET status = 'waiting', scheduled_at = $2, lease_until = NULL, updated_at = now() WHERE id = $1 AND status = 'running'`,
          [id, outcome.until],
        );
      } else if (outcome.outcome === 'completed') {
        await this.ds.query(
          `UPDATE sms_broadcasts SET status = 'completed', finished_at = now(), lease_until = NULL, updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'running'`,
          [id],
        );
      } else {
        await this.ds.query(`UPDATE sms_broadcasts SET lease_until = NULL WHERE id = $1`, [id]);
      }
    } catch (e) {
      this.logger.error(`broadcast ${id}: ${(e as Error).message}`);
      await this.ds.query(
        `UPDATE sms_broadcasts SET status = 'failed', error = $2, finished_at = now(), lease_until = NULL, updated_at = now() WHERE id = $1`,
        [id, (e as Error).message.slice(0, 500)],
      );
      // every recipient still gets a final word: claimed ones may have left (unknown, a receipt may settle them), the rest never will
      await this.ds.query(
        `UPDATE sms_messages SET status = CASE WHEN provider IS NULL THEN 'canceled' ELSE 'unknown' END,
                error_code = CASE WHEN provider IS NULL THEN 'BROADCAST_FAILED' ELSE 'INTERRUPTED' END, updated_at = now()
          WHERE broadcast_id = $1 AND status = 'queued'`,
        [id],
      );
    }
  }

  /** Lists one page of the audience and writes its recipients (queued or skipped with the reason); idempotent per contact. */
  private async listPage(
    actor: AuthUser,
    b: BroadcastRow,
    template: SmsTemplate,
    cursor: string | null,
  ): Promise<{ next: string | null }> {
    const page = await this.audiencePage(actor, b.audience, cursor, PAGE);
    const targets = await this.contacts.messagingTargets(page.ids);
    const values = await this.messages.valuesFor(targets);
    const s = await this.settings.load();
    const withPhone = targets.map((t) => ({ t, phone: t.phone ? normalizePhone(t.phone) : null }));
    await this.ds.transaction(async (m) => {
      const sendable = withPhone.filter((x) => x.phone && !x.t.doNotSms);
      // the same per-number locks as a single send (SmsMessagesService.send), taken in the numbers' order so two
      // broadcasts never wait on each other in a cycle: the caps are checked and the rows written under them
      await m.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('sms:' || p, 0)) FROM (SELECT DISTINCT p FROM unnest($1::text[]) p ORDER BY p) n`,
        [sendable.map((x) => x.phone!)],
      );
      const blocked = await this.delivery.suppression(
        sendable.map((x) => ({ phone: x.phone!, templateId: template.id })),
        template.kind,
        s,
        m,
      );
      const rows = withPhone.map(({ t, phone }) => {
        const v = { ...(values.get(t.id) ?? {}), ...b.variables };
        const text = renderTemplate(template.body, v).text;
        const reason = t.doNotSms ? 'DO_NOT_SMS' : !phone ? 'INVALID_NUMBER' : (blocked.get(phone) ?? null);
        return {
          t,
          phone: phone ?? (t.phone ?? '').slice(0, 20),
          text,
          reason,
          params: JSON.stringify(templateParams(template.body, v)),
        };
      });
      if (rows.length) {
        await m.query(
          `INSERT INTO sms_messages (direction, status, phone, body, kind, parts, template_id, template_params, broadcast_id, contact_id, owner_id, department_id, error_code, created_by)
           SELECT 'outbound', CASE WHEN r.reason IS NULL THEN 'queued' ELSE 'skipped' END, r.phone, r.body, $1, r.parts, $2, r.params::jsonb, $3, r.contact_id, r.owner_id, r.department_id, r.reason, $4
             FROM unnest($5::text[], $6::text[], $7::int[], $8::text[], $9::uuid[], $10::uuid[], $11::uuid[], $12::text[]) AS r(phone, body, parts, params, contact_id, owner_id, department_id, reason)
           ON CONFLICT (broadcast_id, contact_id) WHERE broadcast_id IS NOT NULL DO NOTHING`,
          [
            template.kind,
            template.id,
            b.id,
            actor.id,
            rows.map((r) => r.phone),
            rows.map((r) => r.text),
            rows.map((r) => countSegments(r.text).parts),
            rows.map((r) => r.params),
            rows.map((r) => r.t.id),
            rows.map((r) => r.t.ownerId ?? b.owner_id),
            rows.map((r) => r.t.departmentId),
            rows.map((r) => r.reason),
          ],
        );
      }
      await m.query(
        `UPDATE sms_broadcasts SET cursor = $2, done = $3, listed = listed + $4, updated_at = now() WHERE id = $1`,
        [b.id, page.next, page.next === null, rows.length],
      );
    });
    return { next: page.next };
  }

  /** One page of contact ids of the audience, in the actor's scope (core/messaging/audience). */
  private audiencePage(
    actor: AuthUser,
    a: SmsAudienceDto,
    cursor: string | null,
    limit: number,
  ): Promise<AudiencePage> {
    return audiencePage(this.ports, actor, a, cursor, limit, SmsErrorCode.SMS_AUDIENCE_NOT_CONTACTS);
  }

  private get ports(): AudiencePorts {
    return {
      readableContacts: (actor, ids) => this.contacts.readable(actor, ids),
      campaignSegment: async (actor, id) =>
        (await this.campaigns.getVisible(actor, id)).targetSegment ?? null,
      savedView: async (actor, id) => {
        const v = await this.savedViews.get(actor, id);
        return { listKey: v.listKey, filter: v.filters.filter, q: v.filters.q };
      },
      listContacts: async (actor, query) => {
        const page = await this.contacts.list(actor, query as never);
        return {
          ids: page.data.map((c) => c.id),
          next: page.nextCursor,
          total: page.total,
          totalIsEstimate: !!page.totalIsEstimate,
        };
      },
    };
  }

  private async readable(actor: AuthUser, id: string): Promise<BroadcastRow> {
    const scope = smsScope(actor, 'b');
    const [row]: BroadcastRow[] = await this.ds.query(
      `SELECT b.* FROM sms_broadcasts b WHERE b.id = $3 AND ${scope.sql}`,
      [...scope.params, id],
    );
    if (!row) throw notFound('sms broadcast');
    return row;
  }

  private async toResponse(b: BroadcastRow): Promise<SmsBroadcastResponse> {
    const counts: { status: string; n: number }[] = await this.ds.query(
      `SELECT status, count(*)::int AS n FROM sms_messages WHERE broadcast_id = $1 GROUP BY status`,
      [b.id],
    );
    const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.n]));
    const finished = counts
      .filter((c) => (FINAL_STATUSES as readonly string[]).includes(c.status))
      .reduce((a, c) => a + c.n, 0);
    const [t]: { name: string }[] = await this.ds.query(`SELECT name FROM sms_templates WHERE id = $1`, [
      b.template_id,
    ]);
    const total = b.listed;
    const processed = total - (byStatus.queued ?? 0);
    return {
      id: b.id,
      name: b.name,
      templateId: b.template_id,
      templateName: t?.name ?? null,
      audience: b.audience,
      status: b.status,
      scheduledAt: b.scheduled_at,
      ratePerSecond: b.rate_per_second,
      error: b.error,
      startedAt: b.started_at,
      finishedAt: b.finished_at,
      ownerId: b.owner_id,
      progress: {
        listed: total,
        listingDone: b.done,
        byStatus,
        processed,
        finished,
        percent:
          b.status === 'completed' && total === 0 ? 100 : total ? Math.floor((processed / total) * 100) : 0,
      },
      createdAt: b.created_at,
    };
  }
}
