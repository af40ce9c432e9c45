import { ownershipChanges } from './ownership-changes';

describe('ownershipChanges', () => {
  const held = { ownerId: 'u1', departmentId: 'd1', poolId: 'p1' };
  it.each([
    ['release', held, { ownerId: null, departmentId: 'd1', poolId: 'p1' }, 'no need', [
      { field: 'ownerId', old: 'u1', new: null },
      { field: 'reason', old: null, new: 'no need' },
    ]],
    ['claim', { ownerId: null, departmentId: 'd0', poolId: 'p1' }, held, undefined, [
      { field: 'ownerId', old: null, new: 'u1' },
      { field: 'departmentId', old: 'd0', new: 'd1' },
    ]],
    ['release to another pool', held, { ownerId: null, departmentId: 'd2', poolId: 'p2' }, '', [
      { field: 'ownerId', old: 'u1', new: null },
      { field: 'departmentId', old: 'd1', new: 'd2' },
      { field: 'poolId', old: 'p1', new: 'p2' },
    ]],
  ])('%s lists the changed holder fields, then the reason', (_name, before, after, reason, expected) => {
    expect(ownershipChanges(before, after, reason)).toEqual(expected);
  });
});
