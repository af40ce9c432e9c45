import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { countSegments } from '@core/messaging/segments';
import { normalizePhone } from '@core/util/contact-normalize';
import { ContactsService } from '@modules/contacts/contacts.service';

const HOUR = 3600_000;

/**
 * SMS demo data (order 90, after contacts): a notification and a marketing template, a few messages sent to
 * rep1's contacts through the `log` provider (delivered, one failed), and a reply in the inbox, unread.
 * Written with the module's own SQL (its tables), the recipients taken through ContactsService.
 */
@Injectable()
export class SmsDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly contacts: ContactsService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(90, 'sms', (m, ctx) => this.seed(m, ctx));
  }

  async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const rep = ctx.users['rep1@keyuan.local'];
    const marketer = ctx.users['marketing@keyuan.local'];
    if (!rep) return;
    const [notice]: { id: string }[] = await m.query(
      `INSERT INTO sms_templates (name, body, kind, created_by) VALUES ('发货通知 Shipping notice', '{{name}}您好，您的订单已发货，请注意查收。', 'notification', $1),
              ('会员日 Member day', '{{name}}您好，本周六会员日全场八折，欢迎到店。拒收请回复R', 'marketing', $2) RETURNING id`,
      [rep.id, marketer?.id ?? rep.id],
    );
    const people = (await this.contacts.demoSample(m, { where: { ownerId: rep.id }, limit: 4 })).filter(
      (c) => c.mobile && normalizePhone(c.mobile),
    );
    const now = Date.now();
    const sent = async (
      contact: (typeof people)[number],
      body: string,
      hoursAgo: number,
      opts: { templateId?: string; status?: 'delivered' | 'failed' } = {},
    ) => {
      const at = new Date(now - hoursAgo * HOUR);
      const status = opts.status ?? 'delivered';
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO sms_messages (direction, status, phone, body, kind, parts, template_id, contact_id, owner_id, department_id, provider, provider_id,
                                   error_code, error_message, sent_at, delivered_at, created_by, created_at, updated_at)
         VALUES ('outbound', $1, $2, $3, 'notification', $4, $5, $6, $7, $8, 'log', 'log-demo-' || gen_random_uuid(), $9, $10, $11, $12, $7, $11, $11) RETURNING id`,
        [
          status,
          normalizePhone(contact.mobile!),
          body,
          countSegments(body).parts,
          opts.templateId ?? null,
          contact.id,
          rep.id,
          rep.departmentId,
          status === 'failed' ? 'isv.MOBILE_NUMBER_ILLEGAL' : null,
          status === 'failed' ? '号码格式错误 Invalid number' : null,
          at,
          status === 'delivered' ? new Date(at.getTime() + 5000) : null,
        ],
      );
      return row.id;
    };
    const [first, second, third] = people;
    if (!first) return;
    await sent(first, `${first.name}您好，您的订单已发货，请注意查收。`, 50, { templateId: notice.id });
    await sent(first, '您好，明天上午十点我到贵司拜访，方便吗？', 26);
    if (second)
      await sent(second, `${second.name}您好，您的订单已发货，请注意查收。`, 30, { templateId: notice.id });
    if (third) await sent(third, '您好，合同扫描件已发到您的邮箱。', 4, { status: 'failed' });
    // the reply lands in rep1's inbox, unread
    await m.query(
      `INSERT INTO sms_messages (direction, status, phone, body, kind, parts, contact_id, owner_id, department_id, provider, provider_id, created_at, updated_at)
       VALUES ('inbound', 'received', $1, $2, 'notification', 1, $3, $4, $5, 'log', 'log-demo-in-' || gen_random_uuid(), $6, $6)`,
      [
        normalizePhone(first.mobile!),
        '可以的，十点见。',
        first.id,
        rep.id,
        rep.departmentId,
        new Date(now - 25 * HOUR),
      ],
    );
  }
}
