import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { ContactsService } from '@modules/contacts/contacts.service';

const HOUR = 3600_000;

/**
 * Email demo data (order 90, after contacts): a sales mailbox (the default) and a service mailbox (inbound
 * mail there opens tickets), with placeholder servers and no password (nothing leaves the demo), two templates
 * with variables, and a few messages on rep1's contacts: sent ones (one from a template, one opened), a reply
 * threaded to one of them, and a failed one with the server's answer. The module's own SQL (its tables); the
 * contacts come through ContactsService.
 */
@Injectable()
export class EmailDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly contacts: ContactsService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(90, 'email', (m, ctx) => this.seed(m, ctx));
  }

  async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const manager = ctx.users['manager@keyuan.local'];
    const rep = ctx.users['rep1@keyuan.local'];
    const marketer = ctx.users['marketing@keyuan.local'];
    if (!rep) return;
    const [sales]: { id: string; address: string; from_name: string }[] = await m.query(
      `INSERT INTO email_accounts (name, address, from_name, purpose, smtp_host, smtp_port, smtp_security, smtp_user, imap_host, imap_port, imap_security, imap_user,
                                   inbound_enabled, is_default, is_service_mailbox, created_by)
       VALUES ('销售部邮箱 Sales', 'sales@keyuan.local', '客源科技销售部', 'sales', 'smtp.keyuan.local', 587, 'starttls', 'sales@keyuan.local', 'imap.keyuan.local', 993, 'tls', 'sales@keyuan.local', false, true, false, $1),
              ('客服邮箱 Service', 'support@keyuan.local', '客源科技客服中心', 'service', 'smtp.keyuan.local', 587, 'starttls', 'support@keyuan.local', 'imap.keyuan.local', 993, 'tls', 'support@keyuan.local', false, false, true, $1)
       RETURNING id, address, from_name`,
      [manager?.id ?? rep.id],
    );
    const [followUp]: { id: string }[] = await m.query(
      `INSERT INTO email_templates (name, subject, body_html, kind, created_by)
       VALUES ('拜访跟进 Visit follow-up', '{{account.name}} 拜访纪要', '<p>{{name}}您好：</p><p>感谢今天抽时间与我们交流，会议纪要和报价单见附件，有任何问题请随时联系。</p>', 'notification', $1),
              ('新品发布 Product launch', '客源 CRM 新版本发布', '<p>{{name}}您好：</p><p>客源 CRM 新版本已发布，新增移动端审批与邮件群发，欢迎预约演示。</p>', 'marketing', $2)
       RETURNING id`,
      [rep.id, marketer?.id ?? rep.id],
    );
    const people = (await this.contacts.demoSample(m, { where: { ownerId: rep.id }, limit: 6 })).filter(
      (c) => c.email,
    );
    const now = Date.now();
    const write = async (
      c: (typeof people)[number],
      v: {
        direction: 'outbound' | 'inbound';
        subject: string;
        body: string;
        hoursAgo: number;
        status?: 'sent' | 'failed' | 'received';
        templateId?: string;
        parent?: { id: string; messageId: string; threadId: string };
        opened?: boolean;
        error?: string;
      },
    ) => {
      const id = randomUUID();
      const at = new Date(now - v.hoursAgo * HOUR);
      const messageId = `<demo-${id}@keyuan.local>`;
      const outbound = v.direction === 'outbound';
      await m.query(
        `INSERT INTO email_messages (id, direction, status, account_id, from_address, from_name, to_addresses, subject, body_text, body_html, message_id, in_reply_to,
            references_ids, thread_id, parent_id, template_id, record_type, record_id, owner_id, department_id, sent_at, received_at, attempts, opened_at, open_count,
            error_code, error_message, created_by, created_by_name, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'contact', $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $20, $20)`,
        [
          id,
          v.direction,
          v.status ?? (outbound ? 'sent' : 'received'),
          sales.id,
          outbound ? sales.address : c.email!.toLowerCase(),
          outbound ? sales.from_name : c.name,
          [outbound ? c.email!.toLowerCase() : sales.address],
          v.subject,
          v.body,
          `<p>${v.body}</p>`,
          messageId,
          v.parent?.messageId ?? null,
          v.parent ? [v.parent.messageId] : [],
          v.parent?.threadId ?? id,
          v.parent?.id ?? null,
          v.templateId ?? null,
          c.id,
          rep.id,
          rep.departmentId,
          at,
          outbound ? null : at,
          outbound ? 1 : 0,
          v.opened ? new Date(at.getTime() + 2 * HOUR) : null,
          v.opened ? 2 : 0,
          v.error ? 'permanent' : null,
          v.error ?? null,
          outbound ? rep.id : null,
          outbound ? '李雷 Li Lei' : null,
        ],
      );
      if (v.status === 'failed')
        await m.query(`UPDATE email_messages SET sent_at = NULL WHERE id = $1`, [id]);
      return { id, messageId, threadId: v.parent?.threadId ?? id };
    };
    const [first, second, third] = people;
    if (!first) return;
    const visit = await write(first, {
      direction: 'outbound',
      subject: '拜访纪要',
      body: `${first.name}您好：感谢今天抽时间与我们交流，会议纪要和报价单见附件。`,
      hoursAgo: 49,
      templateId: followUp.id,
      opened: true,
    });
    await write(first, {
      direction: 'inbound',
      subject: 'Re: 拜访纪要',
      body: '收到，报价我们内部讨论后周五前回复您。',
      hoursAgo: 30,
      parent: visit,
    });
    if (second)
      await write(second, {
        direction: 'outbound',
        subject: '产品资料',
        body: `${second.name}您好：按约定发送产品资料，请查收。`,
        hoursAgo: 20,
      });
    if (third)
      await write(third, {
        direction: 'outbound',
        subject: '合同扫描件',
        body: '您好：合同扫描件请查收。',
        hoursAgo: 3,
        status: 'failed',
        error: '550 5.1.1 <mailbox> User unknown',
      });
  }
}
