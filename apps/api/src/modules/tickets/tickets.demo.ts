import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { TicketPriority, TicketStatus, TicketType } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ReturnVisit } from './return-visit.entity';
import { ServiceRecord } from './service-record.entity';
import { TicketComment } from './ticket-comment.entity';
import { TicketTeam, TicketTeamMember } from './ticket-team.entity';
import { Ticket } from './ticket.entity';
import { TicketsService } from './tickets.service';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

interface DemoTicket {
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  daysAgo: number;
  messages: { from: 'customer' | 'agent' | 'note'; body: string }[];
  rating?: number;
  warranty?: boolean;
}

const TICKETS: DemoTicket[] = [
  { subject: '导出报价单 PDF 中文乱码', status: 'new', priority: 'high', type: 'fault', daysAgo: 0, messages: [{ from: 'customer', body: '导出的报价单中文显示为方块，急需发给客户。' }] },
  { subject: '如何批量导入联系人', status: 'new', priority: 'low', type: 'inquiry', daysAgo: 0, messages: [] },
  { subject: '手机端无法登录', status: 'open', priority: 'urgent', type: 'fault', daysAgo: 1, messages: [{ from: 'customer', body: '今天早上开始手机端一直提示网络错误。' }, { from: 'agent', body: '您好，我们已收到，正在排查。' }, { from: 'note', body: '怀疑是证书更新导致，已联系运维。' }] },
  { subject: '终端 X1 无法开机', status: 'open', priority: 'high', type: 'fault', daysAgo: 10, messages: [{ from: 'customer', body: '设备插电后指示灯不亮。' }], warranty: true },
  { subject: '申请增加 5 个用户席位', status: 'pending', priority: 'normal', type: 'service_request', daysAgo: 2, messages: [{ from: 'agent', body: '请提供合同编号，我们为您核对。' }] },
  { subject: '发票抬头填写错误', status: 'resolved', priority: 'normal', type: 'service_request', daysAgo: 3, messages: [{ from: 'customer', body: '发票抬头少了“有限公司”。' }, { from: 'agent', body: '已为您重开发票，请查收。' }], rating: 5 },
  { subject: '报表数据与导出不一致', status: 'resolved', priority: 'high', type: 'fault', daysAgo: 4, messages: [{ from: 'agent', body: '已修复统计口径，请刷新后查看。' }] },
  { subject: '培训课程安排咨询', status: 'closed', priority: 'low', type: 'inquiry', daysAgo: 20, messages: [{ from: 'agent', body: '下期培训安排在下月 10 日。' }], rating: 4 },
  { subject: '建议：报价单支持英文模板', status: 'open', priority: 'low', type: 'feedback', daysAgo: 5, messages: [{ from: 'customer', body: '海外客户较多，希望报价单可以切换英文模板。' }, { from: 'agent', body: '感谢建议，已转交产品团队评估。' }] },
  { subject: '同步企业微信失败', status: 'reopened', priority: 'normal', type: 'fault', daysAgo: 6, messages: [{ from: 'agent', body: '已重新授权，请再试。' }, { from: 'customer', body: '今天又失败了。' }] },
  { subject: '投诉：上门服务迟到', status: 'closed', priority: 'high', type: 'complaint', daysAgo: 15, messages: [{ from: 'agent', body: '非常抱歉，已对工程师进行提醒并赠送一次免费巡检。' }], rating: 3 },
];

/**
 * Service demo data (order 80: after accounts and contracts): a team with a lead and two agents, tickets in
 * every status with their conversations and survey answers (SLA policies per priority come with the
 * migration), warranty records and a few return visits.
 */
@Injectable()
export class TicketsDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly accounts: AccountsService,
    private readonly tickets: TicketsService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(80, 'tickets', (m, ctx) => this.seed(m, ctx));
  }

  private async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const agent = ctx.users['service@keyuan.local'];
    const agent2 = ctx.users['service2@keyuan.local'];
    const lead = ctx.users['servicelead@keyuan.local'];
    if (!agent || !agent2 || !lead) return;
    const accounts = await this.accounts.demoSample(m, { owned: true });
    if (!accounts.length) return;
    const now = Date.now();
    const team = await m.getRepository(TicketTeam).save(m.getRepository(TicketTeam).create({ name: '一线支持 Tier 1', description: '电话、网站与企业微信渠道', leadId: lead.id, autoAssign: true }));
    await m.getRepository(TicketTeamMember).save([
      { teamId: team.id, userId: agent.id, active: true, lastAssignedAt: null },
      { teamId: team.id, userId: agent2.id, active: true, lastAssignedAt: null },
    ]);
    // second line: tickets the first line cannot solve move here (a team change hands them to its agent)
    const tier2 = await m.getRepository(TicketTeam).save(m.getRepository(TicketTeam).create({ name: '二线支持 Tier 2', description: '设备故障与数据问题', leadId: lead.id, autoAssign: true }));
    await m.getRepository(TicketTeamMember).save([{ teamId: tier2.id, userId: agent2.id, active: true, lastAssignedAt: null }]);
    const records = await m.getRepository(ServiceRecord).save([
      { name: 'X1-2025-000118', accountId: accounts[0].id, productName: '智能终端 X1', purchaseDate: iso(now - 200 * DAY), warrantyEnd: iso(now + 165 * DAY), history: [{ date: iso(now - 60 * DAY), note: '更换电源适配器' }], notes: null, ownerId: agent.id, departmentId: agent.departmentId, productId: null },
      { name: 'X1-2024-000042', accountId: accounts[Math.min(1, accounts.length - 1)].id, productName: '智能终端 X1', purchaseDate: iso(now - 500 * DAY), warrantyEnd: iso(now - 135 * DAY), history: [], notes: '已过保，维修收费', ownerId: agent.id, departmentId: agent.departmentId, productId: null },
      { name: 'GW-2026-000007', accountId: accounts[Math.min(2, accounts.length - 1)].id, productName: '网关 G2', purchaseDate: iso(now - 30 * DAY), warrantyEnd: iso(now + 700 * DAY), history: [], notes: null, ownerId: agent2.id, departmentId: agent2.departmentId, productId: null },
    ].map((r) => m.getRepository(ServiceRecord).create(r)));
    const actorOf = (u: { id: string; departmentId: string | null }, name: string) =>
      ({
        id: u.id, email: '', name, departmentId: u.departmentId, departmentPath: null, scopeDepartmentIds: [], roleKeys: [], special: [],
        // the agent's built-in reads (accounts company-wide) and the demo's tickets: links are checked against the actor's scope
        grants: [{ module: 'accounts', actions: ['read'], scope: 'all' }, { module: 'contacts', actions: ['read'], scope: 'all' }, { module: 'tickets', actions: ['read', 'create', 'update'], scope: 'all' }],
      }) as unknown as AuthUser;
    const made: Ticket[] = [];
    for (const [i, d] of TICKETS.entries()) {
      const account = accounts[i % accounts.length];
      const t = await this.tickets.open(
        m,
        actorOf(agent, '赵敏 Zhao Min'),
        {
          subject: d.subject,
          description: d.messages.find((x) => x.from === 'customer')?.body ?? null,
          priority: d.priority,
          type: d.type,
          channel: (['phone', 'web', 'wechat', 'email', 'sms', 'api'] as const)[i % 6],
          accountId: account.id,
          teamId: team.id,
          serviceRecordId: d.warranty ? records[0].id : null,
          requesterName: ['王先生', '李女士', '陈经理', 'Tom Wu'][i % 4],
          requesterEmail: `customer${i + 1}@example.com`,
          openedAt: new Date(now - d.daysAgo * DAY - 3_600_000),
        },
        {},
      );
      const comments = m.getRepository(TicketComment);
      for (const msg of d.messages) {
        await comments.save(comments.create({ ticketId: t.id, visibility: msg.from === 'note' ? 'internal' : 'public', fromCustomer: msg.from === 'customer', authorId: msg.from === 'customer' ? null : t.ownerId, authorName: msg.from === 'customer' ? t.requesterName : null, body: msg.body }));
        if (msg.from === 'agent' && !t.firstRespondedAt) t.firstRespondedAt = new Date(now - d.daysAgo * DAY);
      }
      const path: Record<TicketStatus, TicketStatus[]> = { new: [], open: ['open'], pending: ['open', 'pending'], resolved: ['open', 'resolved'], closed: ['open', 'resolved', 'closed'], reopened: ['open', 'resolved', 'reopened'] };
      for (const s of path[d.status]) await this.tickets.move(m, t, s);
      if (d.rating) Object.assign(t, { surveyRating: d.rating, surveyComment: d.rating >= 4 ? '处理及时，很满意' : '希望响应再快一些', surveyedAt: new Date() });
      made.push(await m.getRepository(Ticket).save(t));
    }
    const visits = m.getRepository(ReturnVisit);
    const resolved = made.filter((t) => t.status === 'resolved' || t.status === 'closed');
    await visits.save([
      visits.create({ name: `工单 ${resolved[0].number} 解决后回访`, accountId: resolved[0].accountId!, ticketId: resolved[0].id, contractId: null, plannedDate: iso(now), method: 'phone', status: 'planned', outcome: null, satisfaction: null, notes: null, doneAt: null, ownerId: agent.id, departmentId: agent.departmentId }),
      visits.create({ name: '季度满意度回访', accountId: accounts[0].id, ticketId: null, contractId: null, plannedDate: iso(now + 5 * DAY), method: 'visit', status: 'planned', outcome: null, satisfaction: null, notes: '带上新版本演示', doneAt: null, ownerId: agent.id, departmentId: agent.departmentId }),
      visits.create({ name: '新版本上线电话回访', accountId: accounts[Math.min(1, accounts.length - 1)].id, ticketId: null, contractId: null, plannedDate: iso(now + DAY), method: 'phone', status: 'planned', outcome: null, satisfaction: null, notes: null, doneAt: null, ownerId: agent.id, departmentId: agent.departmentId }),
      visits.create({ name: '保修到期前上门巡检', accountId: accounts[0].id, ticketId: null, contractId: null, plannedDate: iso(now + 9 * DAY), method: 'visit', status: 'planned', outcome: null, satisfaction: null, notes: '检查 X1-2025-000118', doneAt: null, ownerId: agent2.id, departmentId: agent2.departmentId }),
      visits.create({ name: `工单 ${resolved[1].number} 回访`, accountId: resolved[1].accountId!, ticketId: resolved[1].id, contractId: null, plannedDate: iso(now - 2 * DAY), method: 'wechat', status: 'done', outcome: '客户确认问题已解决', satisfaction: 5, notes: null, doneAt: new Date(now - 2 * DAY), ownerId: agent2.id, departmentId: agent2.departmentId }),
    ]);
  }
}
