import { DataSource } from 'typeorm';
import { createDataSource } from '../database/data-source';
import { createTestDatabase } from '../../../test/helpers/test-database';
import type { AuthUser } from '../auth/auth-user';
import { applyDataScope, SCOPE_DEPARTMENTS } from './data-scope';

/** The scope is a WHERE clause in SQL, checked against a real PostgreSQL. */
describe('applyDataScope', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  const ids: Record<string, string> = {};
  const dept = async (key: string, parent?: string) => {
    const parentPath = parent ? ids[`${parent}:path`] : '/';
    const [row] = await ds.query(`INSERT INTO departments (name, path) VALUES ($1, '') RETURNING id`, [key]);
    ids[key] = row.id;
    ids[`${key}:path`] = `${parentPath}${row.id}/`;
    await ds.query(`UPDATE departments SET path = $2, parent_id = $3 WHERE id = $1`, [row.id, ids[`${key}:path`], parent ? ids[parent] : null]);
  };

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    ds = createDataSource(db.url, 2);
    await ds.initialize();
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

  /** The actor as loadAuthUser builds it: the scope's department ids resolved from the tree as it is now. */
  const actor = async (who: string, dept: string, scope: 'own' | 'department' | 'all' | null): Promise<AuthUser> => {
    const [row] = await ds.query(`SELECT d.path, ${SCOPE_DEPARTMENTS} FROM departments d WHERE d.id = $1 AND d.deleted_at IS NULL`, [ids[dept]]);
    return {
      id: ids[who],
      email: `${who}@x.io`,
      name: who,
      departmentId: ids[dept],
      departmentPath: row?.path ?? null,
      scopeDepartmentIds: row?.scope_departments ?? [],
      roleKeys: [],
      grants: scope ? [{ module: 'users', actions: ['read'], scope }] : [],
      special: [],
    };
  };

  const visible = async (user: AuthUser) => {
    const qb = ds.createQueryBuilder().select('u.name', 'name').from('users', 'u').orderBy('u.name');
    applyDataScope(qb, user, 'users', { owner: 'u.id', department: 'u.department_id' });
    return (await qb.getRawMany()).map((r: { name: string }) => r.name);
  };

  it('own: only the owner', async () => {
    expect(await visible(await actor('rep', 'east', 'own'))).toEqual(['rep@x.io']);
  });
  it('department: the department and everything below it', async () => {
    expect(await visible(await actor('boss', 'sales', 'department'))).toEqual(['boss@x.io', 'rep@x.io']);
    expect(await visible(await actor('rep', 'east', 'department'))).toEqual(['rep@x.io']);
  });
  it('all: everyone; no grant: nobody', async () => {
    expect(await visible(await actor('rep', 'east', 'all'))).toEqual(['boss@x.io', 'outsider@x.io', 'rep@x.io']);
    expect(await visible(await actor('rep', 'east', null))).toEqual([]);
  });
  it('department: a department created or moved under it is in scope for the next actor loaded', async () => {
    const before = await actor('boss', 'sales', 'department');
    await dept('north', 'sales');
    const [u] = await ds.query(`INSERT INTO users (email, name, password_hash, department_id) VALUES ('north@x.io', 'north@x.io', 'x', $1) RETURNING id`, [ids.north]);
    ids.northRep = u.id;
    // the actor loaded before the change keeps its ids (one request), the next one sees the new department
    expect(await visible(before)).toEqual(['boss@x.io', 'rep@x.io']);
    expect(await visible(await actor('boss', 'sales', 'department'))).toEqual(['boss@x.io', 'north@x.io', 'rep@x.io']);
    // move "other" (the outsider's department) under east: the same path rewrite the departments service does
    await ds.query(`UPDATE departments SET parent_id = $1, path = $2 || id || '/' WHERE id = $3`, [ids.east, ids['east:path'], ids.other]);
    expect(await visible(await actor('boss', 'sales', 'department'))).toEqual(['boss@x.io', 'north@x.io', 'outsider@x.io', 'rep@x.io']);
    expect(await visible(await actor('rep', 'east', 'department'))).toEqual(['outsider@x.io', 'rep@x.io']);
    await ds.query(`UPDATE departments SET parent_id = NULL, path = '/' || id || '/' WHERE id = $1`, [ids.other]);
    expect(await visible(await actor('rep', 'east', 'department'))).toEqual(['rep@x.io']);
    expect(await visible(await actor('outsider', 'other', 'department'))).toEqual(['outsider@x.io']);
  });
  it('department: a soft-deleted department below still counts (records may name it); none without a department', async () => {
    await ds.query(`UPDATE departments SET deleted_at = now() WHERE id = $1`, [ids.north]);
    expect(await visible(await actor('boss', 'sales', 'department'))).toEqual(['boss@x.io', 'north@x.io', 'rep@x.io']);
    // the user's own department deleted: no department path, so only their own records
    expect(await visible(await actor('northRep', 'north', 'department'))).toEqual(['north@x.io']);
  });
});
