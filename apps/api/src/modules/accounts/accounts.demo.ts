import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { normalizePhone } from '@core/util/contact-normalize';
import { PoolsService } from '@modules/pools/pools.service';
import { Account } from './account.entity';
import { AccountsService } from './accounts.service';

export const DEMO_POOL_NAME = '华东公海 East China pool';

type DemoAccount = Partial<Account> & { name: string; owner: string | null; rawPhone?: string; parent?: string };

/** Realistic customers across the East and South sales teams; a few wait in the East China pool. */
const ACCOUNTS: DemoAccount[] = [
  { name: '云启集团', owner: 'manager@keyuan.local', industry: '软件和信息技术服务', size: '1000+', level: 'A', lifecycleStage: 'active', source: 'referral', rawPhone: '021 6088 1000', email: 'group@yunqi-tech.cn', website: 'https://www.yunqi-tech.cn', province: '上海市', city: '上海市', district: '浦东新区', street: '世纪大道 100 号', tags: ['集团客户'] },
  { name: '上海云启科技有限公司', owner: 'rep1@keyuan.local', parent: '云启集团', industry: '软件和信息技术服务', size: '200-999', level: 'A', lifecycleStage: 'active', source: 'referral', rawPhone: '021 6088 1234', email: 'contact@yunqi-tech.cn', website: 'https://sh.yunqi-tech.cn', province: '上海市', city: '上海市', district: '浦东新区', street: '张江路 88 号 3 号楼', tags: ['重点客户', 'SaaS'] },
  { name: '杭州数联网络科技有限公司', owner: 'rep1@keyuan.local', industry: '互联网', size: '50-199', level: 'B', lifecycleStage: 'prospect', source: 'web', rawPhone: '0571 8765 4321', email: 'bd@shulian.com.cn', website: 'www.shulian.com.cn', province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路 478 号', tags: ['SaaS'] },
  { name: '南京金陵智造装备有限公司', owner: 'rep1@keyuan.local', industry: '智能制造', size: '200-999', level: 'B', lifecycleStage: 'active', source: 'trade_show', rawPhone: '025 8432 1100', email: 'sales@jinling-zz.cn', province: '江苏省', city: '南京市', district: '江宁区', street: '秣周东路 12 号', tags: ['制造业'] },
  { name: '苏州博睿医疗器械有限公司', owner: 'rep1@keyuan.local', industry: '医疗器械', size: '50-199', level: 'A', lifecycleStage: 'at_risk', source: 'phone', rawPhone: '0512 6289 5500', email: 'info@borui-med.cn', province: '江苏省', city: '苏州市', district: '工业园区', street: '星湖街 218 号', tags: ['医疗'] },
  { name: '张伟', type: 'individual', owner: 'rep1@keyuan.local', level: 'C', lifecycleStage: 'active', source: 'referral', rawPhone: '13816612345', email: 'zhangwei.sh@example.com', province: '上海市', city: '上海市', district: '徐汇区' },
  { name: '宁波港通物流有限公司', owner: 'rep2@keyuan.local', industry: '物流', size: '200-999', level: 'B', lifecycleStage: 'active', source: 'campaign', rawPhone: '0574 8768 2200', email: 'service@gangtong-log.cn', province: '浙江省', city: '宁波市', district: '北仑区', street: '明州路 66 号', tags: ['物流'] },
  { name: '合肥讯联信息技术有限公司', owner: 'rep2@keyuan.local', industry: '软件和信息技术服务', size: '10-49', level: 'C', lifecycleStage: 'prospect', source: 'web', rawPhone: '0551 6553 7788', email: 'hello@xunlian-it.cn', province: '安徽省', city: '合肥市', district: '高新区', street: '望江西路 800 号' },
  { name: 'Acme Trading Ltd', owner: 'rep2@keyuan.local', industry: 'Wholesale trade', size: '50-199', level: 'A', lifecycleStage: 'active', source: 'trade_show', rawPhone: '+44 20 7946 0123', email: 'purchasing@acme-trading.co.uk', website: 'https://acme-trading.co.uk', province: '上海市', city: '上海市', district: '静安区', street: '南京西路 1266 号', tags: ['外资', '重点客户'] },
  { name: '无锡太湖新能源有限公司', owner: 'rep2@keyuan.local', industry: '新能源', size: '200-999', level: 'B', lifecycleStage: 'churned', source: 'other', rawPhone: '0510 8520 3300', email: 'office@taihu-energy.cn', province: '江苏省', city: '无锡市', district: '滨湖区', street: '太湖大道 1999 号' },
  { name: '深圳市海纳百川贸易有限公司', owner: 'rep3@keyuan.local', industry: '批发和零售', size: '50-199', level: 'A', lifecycleStage: 'active', source: 'referral', rawPhone: '0755 8888 1234', email: 'trade@hnbc-sz.com', website: 'www.hnbc-sz.com', province: '广东省', city: '深圳市', district: '福田区', street: '深南大道 6008 号', tags: ['重点客户', '外贸'] },
  { name: '广州粤海食品有限公司', owner: 'rep3@keyuan.local', industry: '食品饮料', size: '200-999', level: 'B', lifecycleStage: 'active', source: 'campaign', rawPhone: '020 3822 6600', email: 'sales@yuehai-food.cn', province: '广东省', city: '广州市', district: '天河区', street: '天河路 385 号', tags: ['快消'] },
  { name: '东莞精工模具制造有限公司', owner: 'rep3@keyuan.local', industry: '智能制造', size: '50-199', level: 'C', lifecycleStage: 'prospect', source: 'trade_show', rawPhone: '0769 2233 4455', email: 'mold@jinggong-dg.cn', province: '广东省', city: '东莞市', district: '长安镇', street: '振安中路 99 号', tags: ['制造业'] },
  { name: 'Pearl River Electronics Co., Ltd.', owner: 'rep3@keyuan.local', industry: 'Electronics', size: '1000+', level: 'A', lifecycleStage: 'active', source: 'web', rawPhone: '+852 2345 6789', email: 'procurement@pearlriver-elec.com.hk', website: 'https://pearlriver-elec.com.hk', province: '广东省', city: '深圳市', district: '南山区', street: '科技园南区 R2-B', tags: ['外资'] },
  { name: '厦门鹭岛文旅集团有限公司', owner: 'rep3@keyuan.local', industry: '文化旅游', size: '200-999', level: 'D', lifecycleStage: 'at_risk', source: 'phone', rawPhone: '0592 556 7788', email: 'contact@ludao-travel.cn', province: '福建省', city: '厦门市', district: '思明区', street: '环岛路 2888 号' },
  { name: '北京华信达咨询有限公司', owner: 'manager@keyuan.local', industry: '商务咨询', size: '10-49', level: 'B', lifecycleStage: 'active', source: 'referral', rawPhone: '010 6552 8899', email: 'consult@huaxinda.cn', province: '北京市', city: '北京市', district: '朝阳区', street: '建国路 88 号 SOHO 现代城', tags: ['咨询'] },
  { name: 'Northwind Traders Ltd.', owner: 'manager@keyuan.local', industry: 'Import and export', size: '10-49', level: 'C', lifecycleStage: 'prospect', source: 'campaign', rawPhone: '+1 415 555 0132', email: 'orders@northwind-traders.com', website: 'https://northwind-traders.com', tags: ['外贸'] },
  { name: '成都天府云数据有限公司', owner: null, industry: '云计算', size: '50-199', level: 'B', lifecycleStage: 'prospect', source: 'web', rawPhone: '028 8533 1200', email: 'info@tianfu-cloud.cn', province: '四川省', city: '成都市', district: '高新区', street: '天府大道中段 1366 号' },
  { name: '武汉光谷生物科技有限公司', owner: null, industry: '生物医药', size: '10-49', level: 'C', lifecycleStage: 'prospect', source: 'trade_show', rawPhone: '027 8771 6600', email: 'bd@ovbio.cn', province: '湖北省', city: '武汉市', district: '东湖高新区', street: '高新大道 666 号' },
  { name: '青岛海风啤酒销售有限公司', owner: null, industry: '食品饮料', size: '200-999', level: 'B', lifecycleStage: 'churned', source: 'campaign', rawPhone: '0532 8588 9900', email: 'sales@haifeng-beer.cn', province: '山东省', city: '青岛市', district: '市南区', street: '香港中路 50 号' },
  { name: 'Globex Supply Chain Ltd.', owner: null, industry: 'Logistics', size: '200-999', level: 'C', lifecycleStage: 'prospect', source: 'import', rawPhone: '+65 6123 4567', email: 'hello@globex-supply.sg', website: 'https://globex-supply.sg', tags: ['外资'] },
];

/** Registers the accounts demo seeder (order 10: after the organisation, before contacts). */
@Injectable()
export class AccountsDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly accounts: AccountsService,
    private readonly pools: PoolsService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(10, 'accounts', (m, ctx) => this.seed(m, ctx));
  }

  async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const poolId = await this.ensurePool(m, ctx);
    const ids = new Map<string, string>();
    const day = 86400000;
    for (const d of ACCOUNTS) {
      const { owner, rawPhone, parent, ...fields } = d;
      const user = owner ? ctx.users[owner] : null;
      const createdAt = new Date(Date.now() - Math.floor(ctx.random() * 120) * day - Math.floor(ctx.random() * day));
      const repo = m.getRepository(Account);
      const account = await repo.save(
        repo.create({
          type: 'company',
          tags: [],
          ...fields,
          phone: rawPhone ? normalizePhone(rawPhone) : null,
          parentId: parent ? (ids.get(parent) ?? null) : null,
          ownerId: user?.id ?? null,
          departmentId: user ? user.departmentId : (ctx.departments.sales ?? null),
          poolId: user ? null : poolId,
          claimedAt: user ? createdAt : null,
          nextFollowUpAt: user && ctx.random() < 0.6 ? new Date(Date.now() + Math.floor(ctx.random() * 14 - 3) * day) : null,
          createdAt,
          updatedAt: createdAt,
        }),
      );
      ids.set(d.name, account.id);
      await this.accounts.syncContactPoints(m, account);
    }
  }

  /** The East China pool of the sales department, with rep1 and rep2 as members. */
  private ensurePool(m: EntityManager, ctx: DemoContext): Promise<string> {
    const members = ['rep1@keyuan.local', 'rep2@keyuan.local'].map((e) => ctx.users[e]?.id).filter((id): id is string => !!id);
    return this.pools.ensure(
      m,
      {
        name: DEMO_POOL_NAME,
        description: '华东销售组可领取的客户与线索 / Accounts and leads the East China team may claim',
        departmentId: ctx.departments.sales ?? null,
        claimLimit: 5,
        returnAfterDays: 30,
      },
      members,
    );
  }
}
