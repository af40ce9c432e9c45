import { can, mergeGrants, widerScope } from '@keyuan/shared';

describe('role grants', () => {
  it('merges several roles into one grant per module with the widest scope', () => {
    const merged = mergeGrants([
      [{ module: 'leads', actions: ['read', 'create'], scope: 'own' }],
      [
        { module: 'leads', actions: ['export', 'read'], scope: 'department' },
        { module: 'users', actions: ['read'], scope: 'own' },
      ],
    ]);
    expect(merged).toEqual([
      { module: 'users', actions: ['read'], scope: 'own' },
      { module: 'leads', actions: ['read', 'create', 'export'], scope: 'department' },
    ]);
  });

  it('drops grants without actions and answers can()', () => {
    const merged = mergeGrants([[{ module: 'roles', actions: [], scope: 'all' }]]);
    expect(merged).toEqual([]);
    expect(can(merged, 'roles', 'read')).toBe(false);
    expect(widerScope('own', 'all')).toBe('all');
    expect(widerScope('department', 'own')).toBe('department');
  });
});
