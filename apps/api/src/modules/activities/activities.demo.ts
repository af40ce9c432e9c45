import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { LeadsService } from '@modules/leads/leads.service';
import { Activity, type ActivityType, type CallOutcome } from './activity.entity';
import { ActivitiesService } from './activities.service';

const DAY = 86400_000;
const NOTES = [
  '客户对年度套餐感兴趣，希望下周看演示。Interested in the annual plan; wants a demo next week.',
  '已发送产品资料和案例。Sent the brochure and case studies.',
  '预算在审批中，月底前答复。Budget under approval; answer by month end.',
  '决策人是采购总监，需要安排高层拜访。The purchasing director decides; plan an executive visit.',
  '对交付周期有顾虑，已请技术同事跟进。Worried about lead time; a solutions engineer follows up.',
];
const OUTCOMES: CallOutcome[] = ['connected', 'connected', 'connected', 'no_answer', 'busy', 'voicemail'];

/**
 * Demo activities (order 40): outbound calls, notes, done and planned visits over the demo leads,
 * accounts and contacts, and inbound calls from contacts' mobiles linked as the caller-phone match would.
 */
@Injectable()
export class ActivitiesDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly activities: ActivitiesService,
    private readonly leads: LeadsService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(40, 'activities', (m, ctx) => this.seed(m, ctx));
  }

  async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const departments = new Map(Object.values(ctx.users).map((u) => [u.id, u.departmentId]));
    const pick = <T>(xs: T[]) => xs[Math.floor(ctx.random() * xs.length)];
    // business hours of a past day (around 09:00–18:00 China time)
    const past = (maxDays: number) => {
      const day = Math.floor(Date.now() / DAY) * DAY - (1 + Math.floor(ctx.random() * maxDays)) * DAY;
      return new Date(day + (1 + Math.floor(ctx.random() * 9)) * 3600_000 + Math.floor(ctx.random() * 60) * 60_000);
    };
    // a moment between the record's creation and now
    const since = (from: Date) => new Date(from.getTime() + ctx.random() * Math.max(0, Date.now() - from.getTime()));
    const repo = m.getRepository(Activity);
    const log = async (ownerId: string | null, values: Partial<Activity> & { type: ActivityType }) => {
      if (!ownerId) return;
      const a = await repo.save(repo.create({ status: null, ...values, ownerId, departmentId: departments.get(ownerId) ?? null }));
      await this.activities.followUp(m, a);
    };

    const accounts = await this.accounts.demoSample(m, { owned: true });
    for (const [i, account] of accounts.entries()) {
      const people = await this.contacts.demoSample(m, { where: { accountId: account.id } });
      const person = people[0];
      const related = { accountId: account.id, contactId: person?.id ?? null };
      await log(account.ownerId, {
        type: 'call',
        subject: '电话跟进 Follow-up call',
        content: pick(NOTES),
        direction: 'outbound',
        outcome: pick(OUTCOMES),
        durationSec: 60 + Math.floor(ctx.random() * 600),
        callerPhone: person?.mobile ?? account.phone,
        occurredAt: past(25),
        ...related,
      });
      if (person?.mobile && i % 2 === 0) {
        await log(account.ownerId, {
          type: 'call',
          subject: '客户来电 Incoming call',
          content: '客户来电询问报价进度。Asked how the quote is coming along.',
          direction: 'inbound',
          outcome: 'connected',
          durationSec: 30 + Math.floor(ctx.random() * 300),
          callerPhone: person.mobile,
          occurredAt: past(10),
          ...related,
        });
      }
      if (i % 3 === 0) {
        const at = past(20);
        await log(account.ownerId, {
          type: 'visit',
          subject: '上门拜访 On-site visit',
          content: pick(NOTES),
          plannedAt: at,
          occurredAt: at,
          location: [account.city, account.district, account.street].filter(Boolean).join(' ') || null,
          status: 'done',
          ...related,
        });
      }
      if (i % 3 === 1) {
        const at = new Date(Math.floor(Date.now() / DAY) * DAY + (1 + (i % 6)) * DAY + 2 * 3600_000);
        await log(account.ownerId, {
          type: i % 2 ? 'meeting' : 'visit',
          subject: i % 2 ? '方案评审会 Proposal review meeting' : '拜访采购部 Visit the purchasing team',
          plannedAt: at,
          occurredAt: at,
          location: account.city ?? null,
          status: 'planned',
          ...related,
        });
      }
      if (i % 4 === 2) {
        await log(account.ownerId, { type: 'note', subject: '备注 Note', content: pick(NOTES), occurredAt: past(30), ...related });
      }
    }

    const leads = await this.leads.demoSample(m, { owned: true, not: { status: 'converted' } });
    for (const [i, lead] of leads.entries()) {
      if (i % 3 === 2) continue;
      await log(lead.ownerId, {
        type: i % 4 === 0 ? 'email' : 'call',
        subject: i % 4 === 0 ? '发送产品介绍 Sent the product overview' : '首次电话沟通 First call',
        content: pick(NOTES),
        ...(i % 4 === 0
          ? {}
          : { direction: 'outbound' as const, outcome: pick(OUTCOMES), durationSec: 30 + Math.floor(ctx.random() * 400), callerPhone: lead.phone }),
        occurredAt: since(lead.createdAt),
        leadId: lead.id,
      });
      if (i % 5 === 0) await log(lead.ownerId, { type: 'note', subject: '备注 Note', content: pick(NOTES), occurredAt: since(lead.createdAt), leadId: lead.id });
    }
  }
}
