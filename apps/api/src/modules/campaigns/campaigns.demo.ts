import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CampaignStatus, CampaignType } from '@keyuan/shared';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { LeadsService } from '@modules/leads/leads.service';
import { OpportunitiesService } from '@modules/opportunities/opportunities.service';
import { Campaign } from './campaign.entity';

interface DemoCampaign {
  name: string;
  type: CampaignType;
  status: CampaignStatus;
  /** Days from today. */
  start: number;
  end: number | null;
  budget: string | null;
  actualCost: string | null;
  expectedRevenue: string | null;
  description: string;
  /** How many demo leads (the first `converted` of them converted into linked opportunities) and extra opportunities. */
  leads: number;
  converted: number;
  opportunities: number;
  segment?: Campaign['targetSegment'];
}

const CAMPAIGNS: DemoCampaign[] = [
  {
    name: '2026 秋季新品发布会 Autumn launch event',
    type: 'event',
    status: 'completed',
    start: -75,
    end: -74,
    budget: '60000.00',
    actualCost: '52000.00',
    expectedRevenue: '300000.00',
    description: '上海国际会议中心，面向华东制造业客户的新品发布与现场演示。',
    leads: 4,
    converted: 2,
    opportunities: 2,
    segment: { target: 'accounts', filter: { match: 'all', conditions: [{ field: 'province', op: 'in', value: ['上海市', '浙江省', '江苏省'] }] } },
  },
  {
    name: '双十一短信促销 Singles Day SMS',
    type: 'sms',
    status: 'completed',
    start: -30,
    end: -20,
    budget: '8000.00',
    actualCost: '7600.00',
    expectedRevenue: '50000.00',
    description: '向老客户发送年度订阅优惠短信。',
    leads: 3,
    converted: 1,
    opportunities: 1,
    segment: { target: 'contacts', filter: { match: 'all', conditions: [{ field: 'doNotCall', op: 'eq', value: false }] } },
  },
  {
    name: '行业白皮书邮件 Whitepaper email',
    type: 'email',
    status: 'active',
    start: -14,
    end: 16,
    budget: '5000.00',
    actualCost: '1200.00',
    expectedRevenue: '80000.00',
    description: '《2026 制造业数字化白皮书》下载与跟进邮件。',
    leads: 3,
    converted: 1,
    opportunities: 1,
  },
  {
    name: '百度搜索广告 Search ads Q4',
    type: 'ad',
    status: 'active',
    start: -40,
    end: 50,
    budget: '120000.00',
    actualCost: '45000.00',
    expectedRevenue: '400000.00',
    description: '关键词：CRM 系统、客户管理软件。',
    leads: 4,
    converted: 1,
    opportunities: 1,
  },
  {
    name: '微信视频号直播 WeChat live',
    type: 'social',
    status: 'planned',
    start: 20,
    end: 20,
    budget: '15000.00',
    actualCost: null,
    expectedRevenue: '60000.00',
    description: '产品经理直播讲解新版移动端。',
    leads: 0,
    converted: 0,
    opportunities: 0,
  },
  {
    name: '行业展会（取消）Trade fair (cancelled)',
    type: 'other',
    status: 'cancelled',
    start: -10,
    end: -8,
    budget: '30000.00',
    actualCost: '2000.00',
    expectedRevenue: null,
    description: '主办方延期，已付定金不退。',
    leads: 0,
    converted: 0,
    opportunities: 0,
  },
];

const DAY = 86400000;
const date = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/**
 * Demo campaigns (order 45: after leads and opportunities): six of every type and status, owned
 * by the marketing user, with demo leads (some converted) and opportunities (won ones among them) linked
 * through the leads and opportunities services, so ROI and cost per lead are non-trivial.
 */
@Injectable()
export class CampaignsDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly leads: LeadsService,
    private readonly opportunities: OpportunitiesService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(45, 'campaigns', (m, ctx) => this.seed(m, ctx));
  }

  async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const owner = ctx.users['marketing@keyuan.local'] ?? ctx.users['admin@keyuan.local'] ?? Object.values(ctx.users)[0];
    const leads = (await this.leads.demoSample(m, { not: { status: 'converted' }, limit: 40 })).filter((l) => !l.campaignId);
    const opps = await this.opportunities.demoSample(m, { limit: 60 });
    // won ones first (in the campaign's currency), then open ones: every campaign with deals has a win
    const won = opps.filter((o) => o.wonAt && o.currency === 'CNY');
    const open = opps.filter((o) => !o.wonAt && !o.lostAt);
    const repo = m.getRepository(Campaign);
    for (const d of CAMPAIGNS) {
      const c = await repo.save(
        repo.create({
          name: d.name,
          type: d.type,
          status: d.status,
          startDate: date(d.start),
          endDate: d.end === null ? null : date(d.end),
          budget: d.budget,
          actualCost: d.actualCost,
          expectedRevenue: d.expectedRevenue,
          currency: 'CNY',
          description: d.description,
          targetSegment: d.segment ?? null,
          ownerId: owner?.id ?? null,
          departmentId: owner?.departmentId ?? null,
        }),
      );
      const linked = [...won.splice(0, Math.ceil(d.opportunities / 2)), ...open.splice(0, Math.floor(d.opportunities / 2))];
      const mine = leads.splice(0, d.leads);
      await this.opportunities.demoLinkCampaign(m, c.id, linked.map((o) => o.id));
      await this.leads.demoLinkCampaign(
        m,
        c.id,
        mine.map((l, i) => ({ id: l.id, convertedTo: i < d.converted && linked[i] ? { opportunityId: linked[i].id, accountId: linked[i].accountId } : undefined })),
      );
    }
  }
}
