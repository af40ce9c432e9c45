import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { AccountsService } from '@modules/accounts/accounts.service';
import { Pipeline, PipelineStage } from './pipeline.entity';
import { Opportunity, OpportunityStageMove } from './opportunity.entity';
import { PipelinesService } from './pipelines.service';

const RENEWAL_STAGES: Pick<PipelineStage, 'nameZh' | 'nameEn' | 'probability' | 'kind' | 'forecastCategory'>[] = [
  { nameZh: '续约提醒', nameEn: 'Renewal due', probability: 20, kind: 'open', forecastCategory: 'pipeline' },
  { nameZh: '续约洽谈', nameEn: 'Renewal talks', probability: 50, kind: 'open', forecastCategory: 'best_case' },
  { nameZh: '合同续签', nameEn: 'Contract renewal', probability: 80, kind: 'open', forecastCategory: 'commit' },
  { nameZh: '已续约', nameEn: 'Renewed', probability: 100, kind: 'won', forecastCategory: 'closed' },
  { nameZh: '流失', nameEn: 'Churned', probability: 0, kind: 'lost', forecastCategory: 'omitted' },
];

const DEALS = ['CRM 二期', '年度订阅', '数据中台', '私有化部署', '渠道合作', 'Cloud migration', '培训服务', '移动端升级'];
const REPS = ['rep1@keyuan.local', 'rep3@keyuan.local', 'rep2@keyuan.local', 'manager@keyuan.local'];
const LOST_REASONS = ['价格高于竞品', '预算被砍', '项目延期到明年'];
const DAY = 86400000;

/**
 * Demo opportunities (order 35: after accounts, contacts and leads): the default pipeline and a 续约
 * Renewals pipeline, two opportunities in every stage of both, owned by reps of the East and South teams
 * and the manager, with stage history walking from the first stage to the current one.
 */
@Injectable()
export class OpportunitiesDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly accounts: AccountsService,
    private readonly pipelines: PipelinesService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(35, 'opportunities', (m, ctx) => this.seed(m, ctx));
  }

  async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const main = await this.pipelines.defaultPipeline(m);
    const renewals = await m.getRepository(Pipeline).save(m.getRepository(Pipeline).create({ nameZh: '续约', nameEn: 'Renewals', isDefault: false, position: 1 }));
    const stageRepo = m.getRepository(PipelineStage);
    await stageRepo.save(RENEWAL_STAGES.map((s, i) => stageRepo.create({ ...s, pipelineId: renewals.id, position: i })));
    let n = 0;
    for (const pipeline of [main, renewals]) {
      const stages = await this.pipelines.stagesOf(m, pipeline.id);
      const open = stages.filter((s) => s.kind === 'open');
      for (const stage of stages) {
        for (let k = 0; k < 2; k++) {
          const email = REPS[n % REPS.length];
          const user = ctx.users[email];
          if (!user) continue;
          const [account] = await this.accounts.demoSample(m, { where: { ownerId: user.id }, limit: 1 + (n % 3) }).then((a) => a.slice(-1));
          if (!account) continue;
          n += 1;
          // the path it took: open stages up to the current one (a closed one after a few open ones)
          const path = stage.kind === 'open' ? open.slice(0, open.indexOf(stage) + 1) : [...open.slice(0, 1 + (n % open.length)), stage];
          const start = Date.now() - (path.length * 9 + Math.floor(ctx.random() * 20)) * DAY;
          const times = path.map((_s, i) => new Date(start + i * (6 + Math.floor(ctx.random() * 6)) * DAY));
          const entered = times[times.length - 1];
          const amount = (Math.round(ctx.random() * 900 + 20) * 1000).toFixed(2);
          const currency = n % 7 === 0 ? 'USD' : 'CNY';
          const o = await m.getRepository(Opportunity).save(
            m.getRepository(Opportunity).create({
              name: `${account.name} ${pipeline.id === renewals.id ? '续约' : DEALS[n % DEALS.length]}`.slice(0, 200),
              accountId: account.id,
              pipelineId: pipeline.id,
              stageId: stage.id,
              amount,
              currency,
              probability: stage.probability,
              probabilityOverridden: false,
              expectedCloseDate: new Date(Date.now() + Math.floor(ctx.random() * 120 - 20) * DAY).toISOString().slice(0, 10),
              ownerId: user.id,
              departmentId: user.departmentId,
              source: account.source,
              competitors: n % 3 === 0 ? ['销售易'] : n % 3 === 1 ? ['纷享销客', 'Salesforce'] : [],
              nextStep: stage.kind === 'open' ? '安排方案演示 / schedule a demo' : null,
              lostReason: stage.kind === 'lost' ? LOST_REASONS[n % LOST_REASONS.length] : null,
              wonAt: stage.kind === 'won' ? entered : null,
              lostAt: stage.kind === 'lost' ? entered : null,
              stageEnteredAt: entered,
              createdAt: times[0],
              updatedAt: entered,
            }),
          );
          const moves = m.getRepository(OpportunityStageMove);
          await moves.insert(
            path.map((s, i) =>
              moves.create({
                opportunityId: o.id,
                fromStageId: i ? path[i - 1].id : null,
                toStageId: s.id,
                movedAt: times[i],
                movedBy: user.id,
                secondsInFrom: i ? Math.floor((times[i].getTime() - times[i - 1].getTime()) / 1000) : null,
              }),
            ),
          );
        }
      }
    }
  }
}
