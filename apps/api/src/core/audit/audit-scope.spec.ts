import type { PermissionGrant } from '@keyuan/shared';
import type { AuthUser } from '../auth/auth-user';
import { AuditedKind, auditVisibility } from './audit-scope';

const kinds: AuditedKind[] = [
  { entityType: 'lead', module: 'leads', alias: 'l', scope: { owner: 'l.owner_id', department: 'l.department_id' }, table: () => 'leads' },
  { entityType: 'role', module: 'roles', alias: 'r', table: () => 'roles' },
];
const user = (grants: PermissionGrant[]): AuthUser => ({
  id: 'u1',
  email: 'u@x.io',
  name: 'U',
  departmentId: 'd1',
  departmentPath: '/d1/',
  scopeDepartmentIds: ['d1'],
  roleKeys: [],
  grants,
  special: [],
});
const audit = (scope: 'own' | 'department' | 'all'): PermissionGrant => ({ module: 'audit', actions: ['read'], scope });
const leads = (scope: 'own' | 'department' | 'all', actions: PermissionGrant['actions'] = ['read']): PermissionGrant => ({ module: 'leads', actions, scope });
const roles: PermissionGrant = { module: 'roles', actions: ['read'], scope: 'all' };

describe('auditVisibility', () => {
  it.each([
    ['no module grants: only kinds nobody registered', [audit('all')], '(au.entity_type <> ALL(CAST(:__auditKinds AS text[])))'],
    ['audit own, no module grants: nothing', [audit('own')], '1 = 0'],
    ['audit all + leads all + roles: by type', [audit('all'), leads('all'), roles], '(au.entity_type = :__auKind0 OR au.entity_type = :__auKind1 OR au.entity_type <> ALL(CAST(:__auditKinds AS text[])))'],
    ['audit own narrows leads all to the owner, and hides unowned kinds', [audit('own'), leads('all'), roles], '((au.entity_type = :__auKind0 AND EXISTS (SELECT 1 FROM "leads" l WHERE l.id = au.entity_id AND l.owner_id = :__scopeUser)))'],
    ['leads department under audit all', [audit('all'), leads('department')], '((au.entity_type = :__auKind0 AND EXISTS (SELECT 1 FROM "leads" l WHERE l.id = au.entity_id AND (l.owner_id = :__scopeUser OR l.department_id = ANY(CAST(:__scopeDepts AS uuid[]))))) OR au.entity_type <> ALL(CAST(:__auditKinds AS text[])))'],
    ['a leads grant without read shows no lead entries', [audit('department'), leads('all', ['create'])], '1 = 0'],
  ])('%s', (_name, grants, sql) => {
    expect(auditVisibility(user(grants as PermissionGrant[]), kinds).sql).toBe(sql);
  });
});
