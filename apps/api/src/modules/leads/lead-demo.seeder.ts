import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { normalizePhone } from '@core/util/contact-normalize';
import type { LeadSource, LeadStatus } from './lead.entity';
import { LeadsService } from './leads.service';

const PEOPLE: [string, string | null, string][] = [
  ['王小明', '杭州数联网络科技有限公司', '采购经理'],
  ['陈静', '苏州精工机械有限公司', '总经理助理'],
  ['刘洋', '南京云帆信息技术有限公司', 'IT 主管'],
  ['赵丽', '上海禾木餐饮管理有限公司', '运营总监'],
  ['孙浩', '宁波港湾物流有限公司', '副总经理'],
  ['周婷', '合肥星辰教育科技有限公司', '市场经理'],
  ['吴磊', '无锡恒达新材料股份有限公司', '采购专员'],
  ['郑爽', '温州瑞丰鞋业有限公司', '老板'],
  ['冯雪', '厦门海风贸易有限公司', '财务经理'],
  ['何军', '广州南粤医疗器械有限公司', '设备科科长'],
  ['Michael Brown', 'Brightline Logistics Ltd', 'Operations Director'],
  ['Sarah Lee', 'Lotus Hospitality Group', 'Procurement Lead'],
  ['James Wilson', 'Northwind Foods Co.', 'Head of IT'],
  ['Anna Schmidt', 'Rheinland Precision GmbH (Suzhou)', 'Plant Manager'],
  ['Kenji Tanaka', 'Sakura Electronics (Shenzhen)', 'Purchasing Manager'],
  ['黄敏', null, '个人客户'],
  ['林峰', '福州闽江建设集团', '项目经理'],
  ['罗琳', '成都天府文旅发展有限公司', '品牌总监'],
  ['高翔', '武汉光谷智能装备有限公司', '技术总监'],
  ['梁晨', '深圳市前海微创科技有限公司', 'CEO'],
];
const PROVINCES = ['浙江省', '江苏省', '上海市', '安徽省', '广东省', '福建省', '四川省', '湖北省'];
const SOURCES: LeadSource[] = ['web', 'campaign', 'referral', 'trade_show', 'phone', 'other'];
const STATUSES: LeadStatus[] = ['new', 'new', 'contacted', 'contacted', 'qualified', 'unqualified'];

/** Demo leads over the sales reps, a few waiting in the East China pool, and one round-robin rule. */
@Injectable()
export class LeadDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly leads: LeadsService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(30, 'leads', (m, ctx) => this.seed(m, ctx));
  }

  private async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const owners = ['rep1@keyuan.local', 'rep2@keyuan.local', 'rep3@keyuan.local', 'manager@keyuan.local']
      .map((e) => ctx.users[e])
      .filter(Boolean);
    const [pool] = await m.query(`SELECT id, department_id FROM pools WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`);
    const pick = <T>(xs: T[]) => xs[Math.floor(ctx.random() * xs.length)];
    for (let i = 0; i < PEOPLE.length * 2; i++) {
      const [name, company, title] = PEOPLE[i % PEOPLE.length];
      const inPool = pool && i % 7 === 3;
      const owner = inPool ? null : owners[i % owners.length];
      const phone = normalizePhone(`13${5 + (i % 5)}${String(10000000 + Math.floor(ctx.random() * 89999999)).slice(0, 8)}`);
      const ascii = /^[A-Za-z]/.test(name) ? name.toLowerCase().replace(/[^a-z]+/g, '.') : `lead${i + 1}`;
      const lead = await this.leads.createInTx(
        m,
        null,
        {
          name: i < PEOPLE.length ? name : `${name}${i >= PEOPLE.length ? '（二）' : ''}`,
          company,
          title,
          phone: phone ?? undefined,
          email: i % 3 === 0 ? null : `${ascii}${i}@example.com`,
          source: pick(SOURCES),
          status: pick(STATUSES),
          province: pick(PROVINCES),
          notes: i % 4 === 0 ? '展会上交换过名片，对年度服务套餐感兴趣。Met at the trade show; interested in the annual plan.' : null,
        },
        {
          ownerId: owner?.id ?? null,
          departmentId: owner?.departmentId ?? pool?.department_id ?? null,
          poolId: inPool ? pool.id : (pool?.id ?? null),
        },
      );
      const daysAgo = Math.floor(ctx.random() * 40);
      await m.query(`UPDATE leads SET created_at = now() - make_interval(days => $2), updated_at = now() - make_interval(days => $2) WHERE id = $1`, [lead.id, daysAgo]);
    }
    const reps = ['rep1@keyuan.local', 'rep2@keyuan.local'].map((e) => ctx.users[e]?.id).filter(Boolean);
    if (reps.length) {
      await m.query(
        `INSERT INTO lead_assignment_rules (name, position, sources, provinces, user_ids) VALUES ($1, 10, $2, $3, $4)`,
        ['华东网站线索 East China web leads', ['web', 'campaign'], ['上海市', '浙江省', '江苏省', '安徽省'], reps],
      );
    }
  }
}
