import type { DataScope } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { manageCondition, visibleCondition } from './document-access';

const user = (scope: DataScope | null): AuthUser => ({
  id: 'u1',
  email: 'u@x.io',
  name: 'U',
  departmentId: 'd2',
  departmentPath: '/d1/d2/',
  scopeDepartmentIds: ['d2', 'd3'],
  roleKeys: ['sales_rep'],
  grants: scope ? [{ module: 'documents', actions: ['read', 'update'], scope }] : [],
  special: [],
});

describe('document access', () => {
  it.each([
    ['own', 'd.owner_id = :__scopeUser'],
    ['department', 'd.department_id = ANY(CAST(:__scopeDepts AS uuid[]))'],
    ['all', '1 = 1'],
  ] as const)('who may change: scope %s', (scope, part) => {
    expect(manageCondition(user(scope)).sql).toContain(part);
  });

  it('the department scope carries the department ids resolved with the user', () => {
    expect(manageCondition(user('department')).params).toEqual({ __scopeUser: 'u1', __scopeDepts: ['d2', 'd3'] });
  });

  it('who may see: the manageable ones plus the sharing audience, with the reader as parameters', () => {
    const v = visibleCondition(user('own'));
    for (const part of ["share_scope = 'everyone'", 'ANY(d.share_user_ids)', 'unnest(d.share_department_ids)', 'share_role_keys &&']) expect(v.sql).toContain(part);
    expect(v.params).toMatchObject({ __docUser: 'u1', __docPath: '/d1/d2/', __docRoles: ['sales_rep'] });
  });

  it('scope all sees everything; no grant manages nothing but still sees what is shared', () => {
    expect(visibleCondition(user('all')).sql).toBe('1 = 1');
    const none = visibleCondition(user(null), 'p');
    expect(none.sql).toContain('1 = 0');
    expect(none.sql).toContain("p.share_scope = 'everyone'");
  });
});
