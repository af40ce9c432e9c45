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

describe('grantsCover', () => {
  const { grantsCover } = jest.requireActual('@keyuan/shared') as typeof import('@keyuan/shared');
  const manager = [{ module: 'users' as const, actions: ['read' as const, 'update' as const], scope: 'department' as const }];
  it('allows handing out what one holds, no more', () => {
    expect(grantsCover(manager, [], [{ module: 'users', actions: ['read'], scope: 'own' }], [])).toBe(true);
    expect(grantsCover(manager, [], [{ module: 'users', actions: ['read'], scope: 'all' }], [])).toBe(false);
    expect(grantsCover(manager, [], [{ module: 'users', actions: ['delete'], scope: 'own' }], [])).toBe(false);
    expect(grantsCover(manager, [], [{ module: 'roles', actions: ['read'], scope: 'own' }], [])).toBe(false);
    expect(grantsCover(manager, ['viewSensitive'], [], ['viewSensitive'])).toBe(true);
    expect(grantsCover(manager, [], [], ['restore'])).toBe(false);
  });
});
