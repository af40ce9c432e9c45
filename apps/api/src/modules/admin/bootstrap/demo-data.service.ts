import { Injectable, Logger } from '@nestjs/common';
import { DemoContext, DemoSeeders, seededRandom } from '@core/demo/demo-seeders';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { hashPassword } from '../users/password';

export const DEMO_PASSWORD = 'Demo123!';

interface DemoUser {
  email: string;
  name: string;
  phone: string;
  dept: string;
  role: string;
}

/** Demo organisation: a company with sales and service departments and a user per built-in role. */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger('DemoData');

  constructor(private readonly seeders: DemoSeeders) {}

  async seed(m: EntityManager): Promise<void> {
    const depts = new Map<string, { id: string; path: string }>();
    const addDept = async (key: string, name: string, parentKey?: string) => {
      const id = randomUUID();
      const parent = parentKey ? depts.get(parentKey)! : null;
      const path = `${parent?.path ?? '/'}${id}/`;
      await m.query(`INSERT INTO departments (id, name, parent_id, path) VALUES ($1, $2, $3, $4)`, [id, name, parent?.id ?? null, path]);
      depts.set(key, { id, path });
    };
    await addDept('hq', '客源科技 Keyuan Tech');
    await addDept('sales', '销售部 Sales', 'hq');
    await addDept('east', '华东销售组 East China team', 'sales');
    await addDept('south', '华南销售组 South China team', 'sales');
    await addDept('service', '客服部 Customer service', 'hq');
    await addDept('finance', '财务部 Finance', 'hq');
    await addDept('marketing', '市场部 Marketing', 'hq');

    const users: DemoUser[] = [
      { email: 'manager@keyuan.local', name: '王芳 Wang Fang', phone: '+8613900000001', dept: 'sales', role: 'sales_manager' },
      { email: 'rep1@keyuan.local', name: '李雷 Li Lei', phone: '+8613900000002', dept: 'east', role: 'sales_rep' },
      { email: 'rep2@keyuan.local', name: '韩梅梅 Han Meimei', phone: '+8613900000003', dept: 'east', role: 'sales_rep' },
      { email: 'rep3@keyuan.local', name: 'Emily Chen', phone: '+8613900000004', dept: 'south', role: 'sales_rep' },
      { email: 'service@keyuan.local', name: '赵敏 Zhao Min', phone: '+8613900000005', dept: 'service', role: 'service_agent' },
      { email: 'service2@keyuan.local', name: '周杰 Zhou Jie', phone: '+8613900000008', dept: 'service', role: 'service_agent' },
      { email: 'servicelead@keyuan.local', name: '孙丽 Sun Li', phone: '+8613900000009', dept: 'service', role: 'service_manager' },
      { email: 'finance@keyuan.local', name: '钱进 Qian Jin', phone: '+8613900000006', dept: 'finance', role: 'finance' },
      { email: 'marketing@keyuan.local', name: 'David Sun', phone: '+8613900000007', dept: 'marketing', role: 'marketing' },
    ];
    const hash = await hashPassword(DEMO_PASSWORD);
    const ctx: DemoContext = {
      users: {},
      departments: Object.fromEntries([...depts].map(([k, v]) => [k, v.id])),
      random: seededRandom(20261122),
    };
    const admin: { id: string; department_id: string | null }[] = await m.query(
      `SELECT id, department_id FROM users WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`,
    );
    if (admin[0]) ctx.users.admin = { id: admin[0].id, departmentId: admin[0].department_id };
    for (const u of users) {
      const [row] = await m.query(
        `INSERT INTO users (email, name, phone, password_hash, department_id, locale) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [u.email, u.name, u.phone, hash, depts.get(u.dept)!.id, /[a-z]/i.test(u.name[0]) ? 'en-US' : 'zh-CN'],
      );
      await m.query(`INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE key = $2 AND deleted_at IS NULL`, [row.id, u.role]);
      ctx.users[u.email] = { id: row.id, departmentId: depts.get(u.dept)!.id };
    }
    // the sales manager approves for the sales teams (approval flows' "department manager")
    await m.query(`UPDATE departments SET manager_id = $1 WHERE id = $2`, [ctx.users['manager@keyuan.local'].id, depts.get('sales')!.id]);
    const modules = await this.seeders.runAll(m, ctx);
    await m.query(`INSERT INTO system_settings (key, value) VALUES ('demo_seeded', 'true') ON CONFLICT (key) DO NOTHING`);
    this.logger.log(
      `Demo data loaded: ${depts.size} departments, ${users.length} users (password ${DEMO_PASSWORD})${modules.length ? `, ${modules.join(', ')}` : ''}`,
    );
  }
}
