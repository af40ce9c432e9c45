import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { normalizePhone } from '@core/util/contact-normalize';
import { Contact, type ContactChannel, type Gender } from './contact.entity';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContactsService } from './contacts.service';

type Person = { name: string; local: string; gender: Gender };

const CHINESE: Person[] = [
  { name: '陈静', local: 'chen.jing', gender: 'female' },
  { name: '刘洋', local: 'liu.yang', gender: 'male' },
  { name: '王磊', local: 'wang.lei', gender: 'male' },
  { name: '杨雪', local: 'yang.xue', gender: 'female' },
  { name: '赵强', local: 'zhao.qiang', gender: 'male' },
  { name: '黄丽', local: 'huang.li', gender: 'female' },
  { name: '周杰', local: 'zhou.jie', gender: 'male' },
  { name: '吴婷', local: 'wu.ting', gender: 'female' },
  { name: '徐明', local: 'xu.ming', gender: 'male' },
  { name: '孙悦', local: 'sun.yue', gender: 'female' },
  { name: '马超', local: 'ma.chao', gender: 'male' },
  { name: '朱琳', local: 'zhu.lin', gender: 'female' },
];
const ENGLISH: Person[] = [
  { name: 'James Wilson', local: 'james.wilson', gender: 'male' },
  { name: 'Sarah Johnson', local: 'sarah.johnson', gender: 'female' },
  { name: 'Michael Brown', local: 'michael.brown', gender: 'male' },
  { name: 'Emma Davis', local: 'emma.davis', gender: 'female' },
  { name: 'Daniel Lee', local: 'daniel.lee', gender: 'male' },
  { name: 'Olivia Martin', local: 'olivia.martin', gender: 'female' },
];
const TITLES_ZH = ['总经理', '采购总监', '采购经理', 'IT 主管', '财务经理', '行政主管', '技术总监'];
const TITLES_EN = ['CEO', 'Purchasing Director', 'Procurement Manager', 'IT Manager', 'Finance Manager', 'Operations Lead'];
const CHANNELS: ContactChannel[] = ['phone', 'wechat', 'email', 'visit', 'sms'];

/** Registers the contacts demo seeder (order 20): one to three people at every demo account. */
@Injectable()
export class ContactsDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly contacts: ContactsService,
    private readonly accounts: AccountsService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(20, 'contacts', (m, ctx) => this.seed(m, ctx));
  }

  async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const accounts = await this.accounts.demoSample(m, {});
    const pick = <T>(list: T[]) => list[Math.floor(ctx.random() * list.length)];
    const used = new Set<string>();
    for (const a of accounts) {
      const english = /^[A-Za-z]/.test(a.name);
      const domain = a.email?.split('@')[1] ?? 'example.com';
      const count = a.type === 'individual' ? 1 : 1 + Math.floor(ctx.random() * 3);
      for (let i = 0; i < count; i++) {
        const person = a.type === 'individual' ? { name: a.name, local: 'zhangwei.sh', gender: 'male' as Gender } : pick(english ? ENGLISH : CHINESE);
        if (used.has(`${a.id}:${person.name}`)) continue;
        used.add(`${a.id}:${person.name}`);
        const mobile = normalizePhone(`13${Math.floor(ctx.random() * 10)}${String(Math.floor(ctx.random() * 1e8)).padStart(8, '0')}`);
        const repo = m.getRepository(Contact);
        const contact = await repo.save(
          repo.create({
            accountId: a.id,
            name: person.name,
            title: a.type === 'individual' ? null : pick(english ? TITLES_EN : TITLES_ZH),
            mobile,
            email: a.type === 'individual' ? null : `${person.local}@${domain}`,
            wechat: english ? null : `${person.local.replace('.', '_')}_${Math.floor(ctx.random() * 900 + 100)}`,
            gender: person.gender,
            isPrimary: i === 0,
            preferredChannel: pick(CHANNELS),
            doNotCall: ctx.random() < 0.1,
            doNotEmail: ctx.random() < 0.1,
            doNotSms: ctx.random() < 0.15,
            ownerId: a.ownerId,
            departmentId: a.departmentId,
          }),
        );
        await this.contacts.syncContactPoints(m, contact);
      }
    }
  }
}
