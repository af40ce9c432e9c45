import type { PoolClient } from 'pg';
import { ADMIN_EMAIL, apiModule, BENCH_PASSWORD, MANAGER_EMAIL, REP_EMAIL } from '../lib/env';
import { person, Rng } from './random';

export interface SeedUser {
  id: string;
  email: string;
  deptId: string;
  role: 'admin' | 'sales_manager' | 'sales_rep';
}

export interface Org {
  admin: SeedUser;
  reps: SeedUser[];
  managers: SeedUser[];
  /** The bench rep: owns a larger share than the others so a 10,000-row-deep page exists in their own scope. */
  heavyRep: SeedUser;
  pools: { id: string; deptId: string }[];
}

const REGIONS: [string, string, string[]][] = [
  ['east', '华东大区 East', ['上海一组 Shanghai 1', '上海二组 Shanghai 2', '杭州组 Hangzhou', '南京组 Nanjing']],
  ['south', '华南大区 South', ['深圳组 Shenzhen', '广州组 Guangzhou', '厦门组 Xiamen', '海外组 Overseas']],
  ['north', '华北大区 North', ['北京一组 Beijing 1', '北京二组 Beijing 2', '天津组 Tianjin', '青岛组 Qingdao']],
  ['west', '西部大区 West', ['成都组 Chengdu', '重庆组 Chongqing', '西安组 Xi\'an']],
];

/**
 * 20 departments (head office, 4 regions, 15 teams) and 200 users: the admin, a manager per region
 * and per team (19), 12 sales reps per team (180). One password hash, computed once, for everybody.
 */
export async function seedOrg(c: PoolClient, r: Rng): Promise<Org> {
  const { BUILT_IN_ROLES } = apiModule<{ BUILT_IN_ROLES: { key: string; name: string; description: string; permissions: unknown; specialPermissions: string[] }[] }>(
    'modules/admin/roles/built-in-roles.js',
  );
  for (const def of BUILT_IN_ROLES) {
    await c.query(
      `INSERT INTO roles (key, name, description, built_in, permissions, special_permissions)
       SELECT $1::varchar, $2::varchar, $3::text, true, $4::jsonb, $5::text[]
        WHERE NOT EXISTS (SELECT 1 FROM roles WHERE key = $1::varchar AND deleted_at IS NULL)`,
      [def.key, def.name, def.description, JSON.stringify(def.permissions), def.specialPermissions],
    );
  }
  const roleIds = new Map<string, string>(
    (await c.query<{ key: string; id: string }>(`SELECT key, id FROM roles WHERE deleted_at IS NULL`)).rows.map((x) => [x.key, x.id]),
  );
  const { hashPassword } = apiModule<{ hashPassword(p: string): Promise<string> }>('modules/admin/users/password.js');
  const hash = await hashPassword(BENCH_PASSWORD);

  const depts: { id: string; name: string; parent: string | null; path: string }[] = [];
  const addDept = (name: string, parent: { id: string; path: string } | null) => {
    const id = r.uuid();
    const d = { id, name, parent: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/` };
    depts.push(d);
    return d;
  };
  const hq = addDept('客源集团 Keyuan Group', null);
  const users: SeedUser[] = [];
  const userRows: unknown[][] = [];
  const addUser = (email: string, name: string, deptId: string, role: SeedUser['role']) => {
    const u: SeedUser = { id: r.uuid(), email, deptId, role };
    users.push(u);
    userRows.push([u.id, email, name, hash, deptId, /^[A-Za-z]/.test(name) ? 'en-US' : 'zh-CN']);
    return u;
  };
  const admin = addUser(ADMIN_EMAIL, 'Administrator', hq.id, 'admin');
  const reps: SeedUser[] = [];
  const managers: SeedUser[] = [];
  const regionDepts: { id: string }[] = [];
  let repNo = 0;
  let teamNo = 0;
  for (const [key, regionName, teams] of REGIONS) {
    const region = addDept(regionName, hq);
    regionDepts.push(region);
    managers.push(addUser(key === 'east' ? MANAGER_EMAIL : `manager.${key}@bench.keyuan.local`, person(r).name, region.id, 'sales_manager'));
    for (const teamName of teams) {
      const team = addDept(teamName, region);
      teamNo++;
      managers.push(addUser(`manager.team${String(teamNo).padStart(2, '0')}@bench.keyuan.local`, person(r).name, team.id, 'sales_manager'));
      for (let i = 0; i < 12; i++) {
        repNo++;
        const email = repNo === 1 ? REP_EMAIL : `rep.${String(repNo).padStart(3, '0')}@bench.keyuan.local`;
        reps.push(addUser(email, person(r).name, team.id, 'sales_rep'));
      }
    }
  }
  await c.query(
    `INSERT INTO departments (id, name, parent_id, path) SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[])`,
    [depts.map((d) => d.id), depts.map((d) => d.name), depts.map((d) => d.parent), depts.map((d) => d.path)],
  );
  const col = (i: number) => userRows.map((row) => row[i]);
  await c.query(
    `INSERT INTO users (id, email, name, password_hash, department_id, locale)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[])`,
    [col(0), col(1), col(2), col(3), col(4), col(5)],
  );
  await c.query(`INSERT INTO user_roles (user_id, role_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [
    users.map((u) => u.id),
    users.map((u) => roleIds.get(u.role)),
  ]);
  const pools = regionDepts.map((d) => ({ id: r.uuid(), deptId: d.id }));
  await c.query(
    `INSERT INTO pools (id, name, department_id, claim_limit, return_after_days)
     SELECT id, name, dept, 50, 30 FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(id, name, dept)`,
    [pools.map((p) => p.id), REGIONS.map(([, n]) => `${n.split(' ')[0]}公海`), pools.map((p) => p.deptId)],
  );
  // every user of a region is a member of its pool
  const regionOf = new Map<string, string>();
  for (const d of depts) if (d.parent && d.parent !== hq.id) regionOf.set(d.id, d.parent);
  const members = users.filter((u) => u.role !== 'admin').map((u) => {
    const region = regionOf.get(u.deptId) ?? u.deptId;
    return [pools.find((p) => p.deptId === region)!.id, u.id];
  });
  await c.query(`INSERT INTO pool_members (pool_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [
    members.map((m) => m[0]),
    members.map((m) => m[1]),
  ]);
  return { admin, reps, managers, heavyRep: reps[0], pools };
}
