import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { AccountsService } from '@modules/accounts/accounts.service';
import { LeadsService } from '@modules/leads/leads.service';
import { Task, type TaskPriority, type TaskStatus } from './task.entity';

const TITLES: [string, TaskPriority][] = [
  ['电话回访，确认需求 Follow-up call to confirm needs', 'normal'],
  ['发送报价单 Send the quote', 'high'],
  ['准备产品演示 Prepare the product demo', 'normal'],
  ['上门拜访，洽谈年度合同 Visit to discuss the annual contract', 'urgent'],
  ['整理会议纪要 Write up the meeting notes', 'low'],
  ['确认发票信息 Confirm invoicing details', 'normal'],
  ['邀请参加新品发布会 Invite to the product launch', 'low'],
  ['跟进试用反馈 Follow up on the trial feedback', 'high'],
];

const HOUR = 3600_000;

/** Demo tasks (order 41) for rep1, rep2 and the manager: overdue, due later today, upcoming and done. */
@Injectable()
export class TasksDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly leads: LeadsService,
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.seeders.register(41, 'tasks', (m, ctx) => this.seed(m, ctx));
  }

  async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const [{ now, tomorrow }]: { now: Date; tomorrow: Date }[] = await m.query(
      `SELECT now() AS now, (date_trunc('day', now() AT TIME ZONE $1) + interval '1 day') AT TIME ZONE $1 AS tomorrow`,
      [this.config.timezone],
    );
    const leftToday = tomorrow.getTime() - now.getTime();
    const repo = m.getRepository(Task);
    let n = 0;
    for (const email of ['rep1@keyuan.local', 'rep2@keyuan.local', 'manager@keyuan.local']) {
      const user = ctx.users[email];
      if (!user) continue;
      const leads = await this.leads.demoSample(m, { where: { ownerId: user.id }, limit: 4 });
      const accounts = await this.accounts.demoSample(m, { where: { ownerId: user.id }, limit: 4 });
      const plan: { dueIn: number; status: TaskStatus; remind?: boolean }[] = [
        { dueIn: -3 * 24 * HOUR, status: 'open' },
        { dueIn: -5 * HOUR, status: 'in_progress' },
        // later today, whatever the hour of the first start
        { dueIn: Math.max(5 * 60_000, Math.min(2 * HOUR, leftToday / 2)), status: 'open', remind: true },
        { dueIn: Math.max(10 * 60_000, leftToday - 15 * 60_000), status: 'open' },
        { dueIn: leftToday + 10 * HOUR, status: 'open', remind: true },
        { dueIn: leftToday + 3 * 24 * HOUR, status: 'open' },
        { dueIn: leftToday + 6 * 24 * HOUR, status: 'in_progress' },
        { dueIn: -2 * 24 * HOUR, status: 'done' },
      ];
      for (const [i, p] of plan.entries()) {
        const [title, priority] = TITLES[(i + n) % TITLES.length];
        const dueAt = new Date(now.getTime() + p.dueIn);
        const onLead = i % 2 === 0 && leads.length > 0;
        const lead = onLead ? leads[i % leads.length] : null;
        const account = !onLead && accounts.length ? accounts[i % accounts.length] : null;
        await repo.save(
          repo.create({
            title,
            description: ctx.random() < 0.5 ? '客户比较关注价格和交付周期。The customer cares about price and lead time.' : null,
            dueAt,
            remindAt: p.remind ? new Date(dueAt.getTime() - 30 * 60_000) : null,
            // reminders of the past are not re-sent on the first start
            remindedAt: p.remind && dueAt.getTime() - 30 * 60_000 < now.getTime() ? now : null,
            priority,
            status: p.status,
            completedAt: p.status === 'done' ? new Date(dueAt.getTime() + HOUR) : null,
            assigneeId: user.id,
            departmentId: user.departmentId,
            createdById: user.id,
            leadId: lead?.id ?? null,
            accountId: account?.id ?? null,
          }),
        );
      }
      n += 1;
    }
  }
}
