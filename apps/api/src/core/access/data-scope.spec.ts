import { DataSource } from 'typeorm';
import { createDataSource } from '../database/data-source';
import { createTestDatabase } from '../../../test/helpers/test-database';
import type { AuthUser } from '../auth/auth-user';
import { applyDataScope } from './data-scope';

/** The scope is a WHERE clause in SQL, checked against a real PostgreSQL. */
describe('applyDataScope', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    ds = createDataSource(db.url, 2);
    await ds.initialize();
    const dept = async (key: string, parent?: string) => {
      const parentPath = parent ? ids[`${parent}:path`] : '/';
      const [row] = await ds.query(`INSERT INTO departments (name, path) VALUES ($1, '') RETURNING id`, [key]);
      ids[key] = row.id;
      ids[`${key}:path`] = `${parentPath}${row.id}/`;
      await ds.query(`UPDATE departments SET path = $2, parent_id = $3 WHERE id = $1`, [row.id, ids[`${key}:path`], parent ? ids[parent] : null]);
    };
    await dept('sales');
    await dept('east', 'sales');
    await dept('other');
    for (const [name, d] of [['boss', 'sales'], ['rep', 'east'], ['outsider', 'other']]) {
      const [u] = await ds.query(`INSERT INTO users (email, name, password_hash, department_id) VALUES ($1, $1, 'x', $2) RETURNING id`, [`${name}@x.io`, ids[d]]);
      ids[name] = u.id;
    }
  });
  afterAll(async () => {
    await ds.destroy();
    await drop();
  });

  const actor = (who: string, dept: string, scope: 'own' | 'department' | 'all' | null): AuthUser => ({
    id: ids[who],
    email: `${who}@x.io`,
    name: who,
    departmentId: ids[dept],
    departmentPath: ids[`${dept}:path`],
    roleKeys: [],
    grants: scope ? [{ module: 'users', actions: ['read'], scope }] : [],
    special: [],
  });

  const visible = async (user: AuthUser) => {
    const qb = ds.createQueryBuilder().select('u.name', 'name').from('users', 'u').orderBy('u.name');
    applyDataScope(qb, user, 'users', { owner: 'u.id', department: 'u.department_id' });
    return (await qb.getRawMany()).map((r: { name: string }) => r.name);
  };

  it('own: only the owner', async () => {
    expect(await visible(actor('rep', 'east', 'own'))).toEqual(['rep@x.io']);
  });
  it('department: the department and everything below it', async () => {
    expect(await visible(actor('boss', 'sales', 'department'))).toEqual(['boss@x.io', 'rep@x.io']);
    expect(await visible(actor('rep', 'east', 'department'))).toEqual(['rep@x.io']);
  });
  it('all: everyone; no grant: nobody', async () => {
    expect(await visible(actor('rep', 'east', 'all'))).toEqual(['boss@x.io', 'outsider@x.io', 'rep@x.io']);
    expect(await visible(actor('rep', 'east', null))).toEqual([]);
  });
});
